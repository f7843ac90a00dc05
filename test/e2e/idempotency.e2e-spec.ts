import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

interface Sent {
  status: number;
  replayed: boolean;
  text: string;
}

async function send(pool: Pool, key: string, body: Record<string, unknown>): Promise<Sent> {
  const res = await pool.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return {
    status: res.statusCode,
    replayed: res.headers['x-litellm-idempotent-replay'] === 'true',
    text: await res.body.text(),
  };
}

const chat = (model: string, content = 'echo: once', extra = {}) => ({
  model,
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('Idempotency-Key: one upstream call per key (a replay records no spend), across replicas', () => {
  let upstream: MockUpstream;
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let poolA: Pool;
  let poolB: Pool;
  const calls = (model: string) =>
    upstream.requests.filter((request) => (request.body as { model?: string }).model === model).length;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    db = await createFreshDatabase();
    const config = {
      model_list: [
        { model_name: 'fast', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` } },
        {
          model_name: 'slow',
          litellm_params: { model: 'openai/gpt-4o-slow-400', api_base: `${upstream.url}/v1` },
        },
        {
          model_name: 'flaky',
          litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1` },
        },
      ],
      router_settings: { num_retries: 0 },
    };
    const env = { REDIS_HOST: '127.0.0.1', DATABASE_URL: db.url };
    a = await startGateway({ config, env });
    b = await startGateway({ config, env });
    poolA = new Pool(a.url, { connections: 8 });
    poolB = new Pool(b.url, { connections: 8 });
  });

  afterAll(async () => {
    await Promise.all([poolA?.close(), poolB?.close()]);
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    await upstream?.close();
  });

  it('replays the first answer to a retry on another replica without calling the provider again', async () => {
    const first = await send(poolA, 'key-1', chat('fast'));
    const again = await send(poolB, 'key-1', chat('fast'));
    expect(first).toMatchObject({ status: 200, replayed: false });
    expect(again).toMatchObject({ status: 200, replayed: true, text: first.text });
    expect(calls('gpt-4o')).toBe(1);
    // Another key is another request.
    expect((await send(poolA, 'key-2', chat('fast'))).replayed).toBe(false);
    expect(calls('gpt-4o')).toBe(2);
  });

  it('makes concurrent retries wait for the request in flight and share its answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send(i % 2 ? poolA : poolB, 'key-slow', chat('slow'))),
    );
    expect(answers.every((answer) => answer.status === 200 && answer.text === answers[0]?.text)).toBe(true);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect(calls('gpt-4o-slow-400')).toBe(1);
  });

  it('replays a whole stream', async () => {
    const body = chat('fast', 'echo: a streamed answer', { stream: true });
    const first = await send(poolA, 'key-stream', body);
    const again = await send(poolB, 'key-stream', body);
    expect(first.text).toContain('data: [DONE]');
    expect(again).toMatchObject({ status: 200, replayed: true, text: first.text });
  });

  it('refuses a key reused with another body, and lets a failed request be retried', async () => {
    await send(poolA, 'key-reused', chat('fast', 'echo: one'));
    const reused = await send(poolA, 'key-reused', chat('fast', 'echo: two'));
    expect(reused.status).toBe(422);
    expect(JSON.parse(reused.text)).toMatchObject({ error: { param: 'Idempotency-Key' } });

    upstream.failNext('fail-500', 1);
    const failed = await send(poolA, 'key-retry', chat('flaky'));
    expect(failed.status).toBe(502);
    const retried = await send(poolB, 'key-retry', chat('flaky'));
    expect(retried).toMatchObject({ status: 200, replayed: false });
    expect(calls('gpt-4o-mini')).toBe(2);
  });
});
