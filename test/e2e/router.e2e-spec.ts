import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

interface Answer {
  status: number;
  modelId: string | undefined;
  group: string | undefined;
  retries: number;
  fallbacks: number;
  body: { error?: { message: string }; choices?: unknown[] };
}

async function chat(pool: Pool, model: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  const res = await pool.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello there' }], ...extra }),
  });
  const header = (name: string) => res.headers[name] as string | undefined;
  return {
    status: res.statusCode,
    modelId: header('x-litellm-model-id'),
    group: header('x-litellm-model-group'),
    retries: Number(header('x-litellm-attempted-retries') ?? -1),
    fallbacks: Number(header('x-litellm-attempted-fallbacks') ?? -1),
    body: (await res.body.json()) as Answer['body'],
  };
}

const deployment = (group: string, id: string, upstream: MockUpstream, model = 'gpt-4o', extra = {}) => ({
  model_name: group,
  litellm_params: { model: `openai/${model}`, api_base: `${upstream.url}/v1`, ...extra },
  model_info: { id },
});

describe('the router: retries, fallbacks and cooldowns shared by two replicas', () => {
  const upstreams: MockUpstream[] = [];
  let u1: MockUpstream, u2: MockUpstream, u3: MockUpstream, u4: MockUpstream, u5: MockUpstream;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let poolA: Pool;
  let poolB: Pool;
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) upstreams.push(await startMockUpstream());
    [u1, u2, u3, u4, u5] = upstreams as [
      MockUpstream,
      MockUpstream,
      MockUpstream,
      MockUpstream,
      MockUpstream,
    ];
    const config = {
      model_list: [
        deployment('pool', 'p1', u1),
        deployment('pool', 'p2', u2),
        deployment('broken', 'broken-1', u3, 'fail-500'),
        deployment('broken-solo', 'broken-solo-1', u3, 'fail-500'),
        deployment('doomed', 'd1', u3, 'fail-500'),
        deployment('doomed', 'd2', u3, 'fail-500'),
        { ...deployment('short', 'short-1', u3), model_info: { id: 'short-1', max_input_tokens: 3 } },
        deployment('timeouts', 't-slow', u4, 'gpt-4o-slow-3000', { timeout: 0.3 }),
        deployment('timeouts', 't-fast', u5),
        deployment('outage', 'o1', u4),
        deployment('outage', 'o2', u5),
        { model_name: 'weighted', litellm_params: { model: 'mock/a', weight: 1 }, model_info: { id: 'w1' } },
        { model_name: 'weighted', litellm_params: { model: 'mock/b', weight: 3 }, model_info: { id: 'w3' } },
      ],
      router_settings: {
        num_retries: 2,
        allowed_fails: 1,
        cooldown_time: 60,
        enable_pre_call_checks: true,
        fallbacks: [{ broken: ['pool'] }, { outage: ['pool'] }],
        context_window_fallbacks: [{ short: ['pool'] }],
      },
    };
    db = await createFreshDatabase();
    const env = { REDIS_HOST: '127.0.0.1', DATABASE_URL: db.url };
    [a, b] = await Promise.all([startGateway({ config, env }), startGateway({ config, env })]);
    poolA = new Pool(a.url, { connections: 32 });
    poolB = new Pool(b.url, { connections: 32 });
  });

  afterAll(async () => {
    await Promise.all([poolA?.close(), poolB?.close()]);
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });

  it('retries a failed deployment on the other one, then cools it down on both replicas', async () => {
    u1.failNext('fail-500', 1_000);
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i++) answers.push(await chat(poolA, 'pool'));
    expect(answers.every((answer) => answer.status === 200 && answer.modelId === 'p2')).toBe(true);
    expect(answers.some((answer) => answer.retries === 1)).toBe(true);
    // allowed_fails: 1 → the second failure within a minute cools p1 down: it is not called again.
    const failedCalls = u1.requests.length;
    expect(failedCalls).toBeLessThanOrEqual(2);
    for (let i = 0; i < 12; i++) expect((await chat(poolA, 'pool')).retries).toBe(0);
    expect(u1.requests.length).toBe(failedCalls);
    // The other replica learnt of the cooldown through Redis: it never calls p1 either.
    const fromB = await Promise.all(Array.from({ length: 12 }, () => chat(poolB, 'pool')));
    expect(
      fromB.every((answer) => answer.status === 200 && answer.modelId === 'p2' && answer.retries === 0),
    ).toBe(true);
    expect(u1.requests.length).toBe(failedCalls);
  });

  it('falls back to the configured group, and to the request own fallbacks', async () => {
    const configured = await chat(poolA, 'broken');
    expect(configured).toMatchObject({ status: 200, group: 'pool', fallbacks: 1, retries: 2 });
    const requested = await chat(poolA, 'broken-solo', { fallbacks: ['pool'], num_retries: 0 });
    expect(requested).toMatchObject({ status: 200, group: 'pool', fallbacks: 1, retries: 0 });
    const none = await chat(poolA, 'broken-solo', { num_retries: 0 });
    expect(none.status).toBe(502);
    expect(none.fallbacks).toBe(0);
  });

  it('uses the context-window fallbacks when the prompt is larger than every deployment', async () => {
    const answer = await chat(poolA, 'short');
    expect(answer).toMatchObject({ status: 200, group: 'pool', fallbacks: 1 });
    expect(
      u3.requests.filter((request) => (request.body as { model?: string }).model === 'gpt-4o'),
    ).toHaveLength(0);
  });

  it('retries a stream that fails before its first chunk', async () => {
    u2.failNext('fail-500', 1);
    const res = await poolA.request({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'pool',
        stream: true,
        messages: [{ role: 'user', content: 'echo: streamed' }],
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-litellm-attempted-retries']).toBe('1');
    const text = await res.body.text();
    expect(text).toContain('"content":"streamed"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('answers 503 naming the cooldowns when every deployment of a group is cooling down', async () => {
    let last: Answer | undefined;
    for (let i = 0; i < 4; i++) last = await chat(poolA, 'doomed', { num_retries: 1 });
    expect(last?.status).toBe(503);
    expect(last?.body.error?.message).toMatch(
      /^No deployments available for selected model, Try again in \d+ seconds\. Passed model=doomed\. cooldown_list=\["d1","d2"\]$/,
    );
  });

  it('aborts a timed-out upstream call and retries it on another deployment', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => chat(poolB, 'timeouts')));
    expect(answers.every((answer) => answer.status === 200 && answer.modelId === 't-fast')).toBe(true);
    await expect.poll(() => u4.aborted, { timeout: 5000 }).toBeGreaterThan(0);
  });

  it('loses no request when a provider fails in the middle of a load run (a healthy fallback exists)', async () => {
    const results: Answer[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < 200) {
        sent += 1;
        if (sent === 60) u4.failNext('fail-500', 100_000);
        results.push(await chat(sent % 2 ? poolA : poolB, 'outage'));
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    u4.reset();
    expect(results).toHaveLength(200);
    expect(results.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(results.some((answer) => answer.modelId === 'o2' && answer.retries > 0)).toBe(true);
  });
  it('splits 2,000 requests 1:3 by weight within ±4 points', async () => {
    const ids: string[] = [];
    let started = 0;
    const worker = async () => {
      while (started < 2000) {
        started += 1;
        ids.push((await chat(poolA, 'weighted')).modelId ?? '');
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(ids).toHaveLength(2000);
    const share = ids.filter((id) => id === 'w1').length / ids.length;
    expect(share).toBeGreaterThan(0.21);
    expect(share).toBeLessThan(0.29);
    expect(ids.filter((id) => id === 'w3').length / ids.length).toBeGreaterThan(0.71);
  });
});

describe('the router: latency-based routing', () => {
  let upstream: MockUpstream;
  let gateway: GatewayProcess;
  let pool: Pool;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    gateway = await startGateway({
      config: {
        model_list: [
          deployment('timed', 'slow', upstream, 'gpt-4o-slow-150'),
          deployment('timed', 'fast', upstream),
        ],
        router_settings: {
          routing_strategy: 'latency-based-routing',
          routing_strategy_args: { lowest_latency_buffer: 0.2 },
        },
      },
    });
    pool = new Pool(gateway.url, { connections: 16 });
  });

  afterAll(async () => {
    await pool?.close();
    await gateway?.stop();
    await upstream?.close();
  });

  it('sends the faster deployment the traffic once both are measured', async () => {
    for (let i = 0; i < 4; i++) await chat(pool, 'timed');
    const later: Answer[] = [];
    for (let i = 0; i < 20; i++) later.push(await chat(pool, 'timed'));
    expect(later.filter((answer) => answer.modelId === 'fast').length).toBeGreaterThanOrEqual(19);
  });
});
