import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startRedisServer } from '../support/redis-server';

type RedisServer = Awaited<ReturnType<typeof startRedisServer>>;
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-health';
/** The provider key of every deployment: must never appear in an answer. */
const PROVIDER_KEY = 'sk-provider-zq8KX3health';

interface HealthBody {
  healthy_endpoints: Record<string, unknown>[];
  unhealthy_endpoints: Record<string, unknown>[];
  healthy_count: number;
  unhealthy_count: number;
}

async function getHealth(gateway: GatewayProcess, query = '', key = MASTER) {
  const res = await fetch(`${gateway.url}/health${query}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as HealthBody };
}

async function readiness(gateway: GatewayProcess) {
  const res = await fetch(`${gateway.url}/health/readiness`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let upstream: MockUpstream;
let good: MockUpstream;
let flaky: MockUpstream;
let redis: RedisServer;
/** redis-server.ts's kill() waits for an exit that already happened when called twice. */
let redisKilled = false;
let databases: FreshDatabase[] = [];
/** Checks on demand, no Redis. */
let gateway: GatewayProcess;
/** Background checks every second, with a Redis of its own. */
let background: GatewayProcess;

// Both gateways start at once, on PostgreSQL (the embedded database's migrations are slow).
beforeAll(async () => {
  [upstream, good, flaky, redis] = await Promise.all([
    startMockUpstream(),
    startMockUpstream(),
    startMockUpstream(),
    startRedisServer(),
  ]);
  databases = await Promise.all([createFreshDatabase(), createFreshDatabase()]);
  const [onDemandDb, backgroundDb] = databases as [FreshDatabase, FreshDatabase];
  // Failing from the first background check on, until reset.
  flaky.failNext('fail-500', 100_000);
  const at = (name: string, model: string, id: string, extra: object = {}) => ({
    model_name: name,
    litellm_params: { model, api_base: `${upstream.url}/v1`, api_key: PROVIDER_KEY, ...extra },
    model_info: { id },
  });
  const pool = (server: MockUpstream, id: string) => ({
    model_name: 'pool',
    litellm_params: { model: 'openai/gpt-4o', api_base: `${server.url}/v1`, api_key: PROVIDER_KEY },
    model_info: { id },
  });
  [gateway, background] = await Promise.all([
    startGateway({
      config: {
        model_list: [
          at('gpt', 'openai/gpt-4o', 'gpt-1', { aws_secret_access_key: `${PROVIDER_KEY}-aws` }),
          at('broken', 'openai/fail-500', 'broken-1'),
          {
            ...at('embed', 'openai/text-embedding-3-small', 'embed-1'),
            model_info: { id: 'embed-1', mode: 'embedding' },
          },
          at('openai/*', 'openai/*', 'wild-1'),
        ],
        general_settings: { master_key: MASTER },
      },
      env: { DATABASE_URL: onDemandDb.url },
    }),
    startGateway({
      config: {
        model_list: [pool(good, 'pool-good'), pool(flaky, 'pool-flaky')],
        general_settings: { master_key: MASTER, background_health_checks: true, health_check_interval: 1 },
      },
      env: { DATABASE_URL: backgroundDb.url, REDIS_HOST: '127.0.0.1', REDIS_PORT: String(redis.port) },
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([gateway?.stop(), background?.stop()]);
  await Promise.all([
    upstream?.close(),
    good?.close(),
    flaky?.close(),
    redisKilled ? undefined : redis?.kill(),
  ]);
  await Promise.all(databases.map((db) => db.drop()));
});

describe('GET /health: calls every deployment', () => {
  it('reports healthy and unhealthy endpoints with counts, and no credential', async () => {
    upstream.reset();
    const { status, text, body } = await getHealth(gateway);
    expect(status).toBe(200);
    expect(body.healthy_count).toBe(2);
    expect(body.unhealthy_count).toBe(1);
    expect(body.healthy_endpoints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          model: 'openai/gpt-4o',
          api_base: `${upstream.url}/v1`,
          model_id: 'gpt-1',
        }),
        expect.objectContaining({ model: 'openai/text-embedding-3-small', model_id: 'embed-1' }),
      ]),
    );
    expect(body.unhealthy_endpoints).toEqual([
      expect.objectContaining({
        model: 'openai/fail-500',
        api_base: `${upstream.url}/v1`,
        model_id: 'broken-1',
        error: expect.any(String) as unknown,
      }),
    ]);
    expect(text).not.toContain(PROVIDER_KEY);
    expect(text).not.toContain('api_key');
    expect(text).not.toContain('aws_secret_access_key');
    // The wildcard route has no model to call: neither healthy nor unhealthy.
    expect(text).not.toContain('wild-1');

    const paths = upstream.requests.map((r) => `${r.path} ${(r.body as { model?: string }).model}`);
    expect(paths.sort()).toEqual([
      '/v1/chat/completions fail-500',
      '/v1/chat/completions gpt-4o',
      '/v1/embeddings text-embedding-3-small',
    ]);
    const chat = upstream.requests.find((r) => (r.body as { model?: string }).model === 'gpt-4o');
    expect(chat?.body).toMatchObject({ max_tokens: 5 });
  });

  it('checks one group with ?model= and one deployment with ?model_id=', async () => {
    upstream.reset();
    const byModel = await getHealth(gateway, '?model=broken');
    expect(byModel.status).toBe(200);
    expect(byModel.body).toMatchObject({ healthy_count: 0, unhealthy_count: 1 });
    expect(upstream.requests).toHaveLength(1);

    const byId = await getHealth(gateway, '?model_id=gpt-1');
    expect(byId.body).toMatchObject({ healthy_count: 1, unhealthy_count: 0 });
    expect(byId.body.healthy_endpoints[0]).toMatchObject({ model_id: 'gpt-1' });

    const unknown = await getHealth(gateway, '?model_id=nope');
    expect(unknown.status).toBe(404);
  });

  it('needs the master key', async () => {
    const res = await getHealth(gateway, '', '');
    expect(res.status).toBe(401);
    const wrong = await getHealth(gateway, '', 'sk-wrong');
    expect(wrong.status).toBe(401);
  });

  it('readiness says there is no cache without Redis', async () => {
    const body = await readiness(gateway);
    expect(body).toMatchObject({ status: 'connected', db: 'connected', cache: null, redis: null });
    expect(body.litellm_version).toEqual(expect.any(String));
    expect(body.last_updated).toEqual(expect.any(String));
  });
});

describe('background health checks feed the router', () => {
  const deploymentsUsed = async (n: number): Promise<string[]> =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const res = await fetch(`${background.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'pool', messages: [{ role: 'user', content: 'hi' }] }),
        });
        expect(res.status).toBe(200);
        await res.text();
        return res.headers.get('x-litellm-model-id') ?? '';
      }),
    );

  it('skips the failing deployment until a check finds it healthy again', async () => {
    const failing = await until(
      'the flaky deployment to fail a check',
      () => getHealth(background),
      (r) => r.body.unhealthy_count === 1,
    );
    expect(failing.body.unhealthy_endpoints[0]).toMatchObject({ model_id: 'pool-flaky' });
    expect(failing.body.healthy_endpoints).toEqual([expect.objectContaining({ model_id: 'pool-good' })]);
    expect(failing.text).not.toContain(PROVIDER_KEY);

    const before = good.requests.length;
    const used = await deploymentsUsed(20);
    expect(new Set(used)).toEqual(new Set(['pool-good']));
    expect(good.requests.length - before).toBeGreaterThanOrEqual(20);

    flaky.reset();
    await until(
      'the flaky deployment to pass a check',
      () => getHealth(background),
      (r) => r.body.healthy_count === 2 && r.body.unhealthy_count === 0,
    );
    const after = await deploymentsUsed(20);
    expect(after).toContain('pool-flaky');
  });

  it('answers the cached results, filtered by ?model_id=', async () => {
    flaky.reset();
    const calls = good.requests.length + flaky.requests.length;
    const { body } = await getHealth(background, '?model_id=pool-good');
    expect(body).toMatchObject({ healthy_count: 1, unhealthy_count: 0 });
    // No call made for the answer (a background run may have started meanwhile: at most one per deployment).
    expect(good.requests.length + flaky.requests.length - calls).toBeLessThanOrEqual(2);
  });
});

describe('readiness with Redis', () => {
  // Last: it stops the background gateway's Redis.
  it('reports the cache and whether Redis answers', async () => {
    const up = await until(
      'Redis to connect',
      () => readiness(background),
      (b) => b.redis === 'connected',
    );
    expect(up).toMatchObject({ status: 'connected', db: 'connected', cache: 'redis' });
    redisKilled = true;
    await redis.kill();
    const down = await until(
      'Redis to be unreachable',
      () => readiness(background),
      (b) => b.redis !== 'connected',
    );
    expect(down).toMatchObject({ cache: 'redis', redis: 'unreachable', db: 'connected' });
  });
});
