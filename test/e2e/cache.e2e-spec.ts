import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient } from '../support/management-client';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startRedisServer } from '../support/redis-server';
import { query } from '../support/spend-traffic';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-cache-e2e';

interface Sent {
  status: number;
  cacheKey: string | undefined;
  cost: string | undefined;
  text: string;
}

async function post(
  pool: Pool,
  body: Record<string, unknown>,
  key = MASTER,
  path = '/v1/chat/completions',
): Promise<Sent> {
  const res = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return {
    status: res.statusCode,
    cacheKey: res.headers['x-litellm-cache-key'] as string | undefined,
    cost: res.headers['x-litellm-response-cost'] as string | undefined,
    text: await res.body.text(),
  };
}

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt',
  messages: [{ role: 'user', content }],
  ...extra,
});
const contentOf = (sent: Sent) =>
  (JSON.parse(sent.text) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content;
const streamedText = (sent: Sent) =>
  sent.text
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice(6)) as { choices: Array<{ delta?: { content?: string } }> })
    .map((chunk) => chunk.choices[0]?.delta?.content ?? '')
    .join('');

describe('the response cache', () => {
  let upstream: MockUpstream;
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let local: GatewayProcess;
  let pool: Pool;
  const calls = () => upstream.requests.length;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    db = await createFreshDatabase();
    local = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'gpt',
            litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` },
          },
          {
            model_name: 'embed',
            litellm_params: { model: 'openai/text-embedding-3-small', api_base: `${upstream.url}/v1` },
          },
          {
            model_name: 'broken',
            litellm_params: { model: 'openai/fail-500', api_base: `${upstream.url}/v1` },
          },
        ],
        litellm_settings: { cache: true, cache_params: { type: 'local', ttl: 60 } },
        router_settings: { num_retries: 0 },
      },
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url },
    });
    pool = new Pool(local.url, { connections: 8 });
  });

  afterAll(async () => {
    await pool?.close();
    await local?.stop();
    await db?.drop();
    await upstream?.close();
  });

  it('answers a repeated request from the cache, free, with its key, and records the hit in the ledger', async () => {
    const first = await post(pool, chat('echo: cached once', { user: 'alice' }));
    const before = calls();
    const again = await post(pool, chat('echo: cached once', { user: 'bob', metadata: { tags: ['x'] } }));
    expect(calls()).toBe(before);
    expect(again.status).toBe(200);
    expect(contentOf(again)).toBe(contentOf(first));
    expect(first.cacheKey).toBeUndefined();
    expect(again.cacheKey).toMatch(/^[0-9a-f]{64}$/);
    expect(again.cost).toBe('0');
    await expect
      .poll(
        async () =>
          (await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM spend_logs WHERE cache_hit'))[0]
            ?.n,
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThanOrEqual(1);
    const [hit] = await query<{ spend: number }>(
      db.url,
      'SELECT spend FROM spend_logs WHERE cache_hit LIMIT 1',
    );
    expect(hit?.spend).toBe(0);
  });

  it('misses when an answer-changing field differs', async () => {
    await post(pool, chat('echo: params'));
    const before = calls();
    await post(pool, chat('echo: params', { temperature: 0.2 }));
    await post(pool, chat('echo: params', { max_tokens: 3 }));
    expect(calls()).toBe(before + 2);
  });

  it('serves a streaming request from a cached answer, and caches a completed stream', async () => {
    await post(pool, chat('echo: one two three'));
    const before = calls();
    const streamed = await post(pool, chat('echo: one two three', { stream: true }));
    expect(calls()).toBe(before);
    expect(streamed.cacheKey).toBeDefined();
    expect(streamedText(streamed)).toBe('one two three');
    expect(streamed.text.trimEnd().endsWith('data: [DONE]')).toBe(true);

    await post(pool, chat('echo: streamed first', { stream: true }));
    const later = await post(pool, chat('echo: streamed first'));
    expect(later.cacheKey).toBeDefined();
    expect(contentOf(later)).toBe('streamed first');
  });

  it('honours no-cache, no-store, s-maxage and ttl controls', async () => {
    await post(pool, chat('echo: controls'));
    let before = calls();
    await post(pool, chat('echo: controls', { cache: { 'no-cache': true } }));
    expect(calls()).toBe(before + 1);

    await post(pool, chat('echo: not stored', { cache: { 'no-store': true } }));
    before = calls();
    await post(pool, chat('echo: not stored'));
    expect(calls()).toBe(before + 1);

    await post(pool, chat('echo: short-lived', { cache: { ttl: 1 } }));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    before = calls();
    await post(pool, chat('echo: short-lived'));
    expect(calls()).toBe(before + 1);

    await post(pool, chat('echo: max age'));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    before = calls();
    await post(pool, chat('echo: max age', { cache: { 's-maxage': 1 } }));
    expect(calls()).toBe(before + 1);
  });

  it('never caches a failure, and caches embeddings', async () => {
    const before = calls();
    expect((await post(pool, { model: 'broken', messages: [{ role: 'user', content: 'x' }] })).status).toBe(
      502,
    );
    expect((await post(pool, { model: 'broken', messages: [{ role: 'user', content: 'x' }] })).status).toBe(
      502,
    );
    expect(calls()).toBe(before + 2);
    const embedding = { model: 'embed', input: ['cache me'] };
    await post(pool, embedding, MASTER, '/v1/embeddings');
    const again = await post(pool, embedding, MASTER, '/v1/embeddings');
    expect(again.cacheKey).toBeDefined();
    expect(calls()).toBe(before + 3);
  });
});

describe('the response cache in Redis, scoped by key, with admin routes and Redis failures', () => {
  let upstream: MockUpstream;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let gateway: GatewayProcess;
  let pool: Pool;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    redis = await startRedisServer();
    db = await createFreshDatabase();
    gateway = await startGateway({
      config: {
        model_list: [
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` } },
        ],
        litellm_settings: { cache: true, cache_params: { type: 'redis', scope: 'key', namespace: 'e2e' } },
      },
      env: {
        LITELLM_MASTER_KEY: MASTER,
        DATABASE_URL: db.url,
        REDIS_HOST: '127.0.0.1',
        REDIS_PORT: String(redis.port),
      },
    });
    pool = new Pool(gateway.url, { connections: 8 });
  });

  afterAll(async () => {
    await pool?.close();
    await gateway?.stop();
    await redis?.kill();
    await db?.drop();
    await upstream?.close();
  });

  it('keeps one key from reading another key answers, and deletes and flushes entries', async () => {
    const admin = managementClient(gateway.url, MASTER);
    const one = (await admin.post('/key/generate', {})).body.key as string;
    const two = (await admin.post('/key/generate', {})).body.key as string;
    await post(pool, chat('echo: private'), one);
    const before = upstream.requests.length;
    const ownHit = await post(pool, chat('echo: private'), one);
    expect(ownHit.cacheKey).toMatch(/^e2e:[0-9a-f]{64}$/);
    expect((await post(pool, chat('echo: private'), two)).cacheKey).toBeUndefined();
    expect(upstream.requests.length).toBe(before + 1);

    expect((await admin.get('/cache/ping')).body).toMatchObject({ status: 'healthy', cache_type: 'redis' });
    expect((await admin.post('/cache/delete', { keys: [ownHit.cacheKey] })).body).toEqual({
      status: 'success',
    });
    expect((await post(pool, chat('echo: private'), one)).cacheKey).toBeUndefined();
    expect((await post(pool, chat('echo: private'), one)).cacheKey).toBeDefined();
    expect((await admin.post('/cache/flushall')).body).toEqual({ status: 'success' });
    expect((await post(pool, chat('echo: private'), one)).cacheKey).toBeUndefined();
    const user = managementClient(gateway.url, one);
    expect((await user.post('/cache/flushall')).status).toBe(403);
  });

  it('goes on uncached when Redis is down, never failing a request', async () => {
    await redis.kill();
    const answers = await Promise.all([
      post(pool, chat('echo: no redis')),
      post(pool, chat('echo: no redis')),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.every((answer) => answer.cacheKey === undefined)).toBe(true);
    expect((await managementClient(gateway.url, MASTER).get('/cache/ping')).status).toBe(503);
  });
});
