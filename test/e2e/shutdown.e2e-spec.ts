import { once } from 'node:events';
import { connect } from 'node:net';

import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import {
  freePort,
  runGateway,
  startGateway,
  writeConfig,
  type GatewayProcess,
} from '../support/start-gateway';

const MASTER_KEY = 'sk-shutdown-master-key-42';
const STREAMS = 4;

interface OpenStream {
  /** Resolves with the whole SSE body once the stream ends. */
  readonly body: Promise<string>;
}

/** Starts a streamed chat completion and resolves once its first chunk has arrived. */
async function openStream(url: string, model: string): Promise<OpenStream> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'tell me a story' }] }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const first = await reader.read();
  let text = decoder.decode(first.value);
  const body = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  })();
  return { body };
}

/** Whether a new TCP connection to the port is accepted. */
async function accepts(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await Promise.race([
      once(socket, 'connect'),
      once(socket, 'error').then(([error]) => Promise.reject(error)),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

async function spendRows(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM spend_logs');
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe('graceful shutdown', () => {
  let upstream: MockUpstream;
  let db: FreshDatabase;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    upstream = await startMockUpstream();
  });

  afterEach(async () => {
    await gateway?.stop();
    await db?.drop();
  });

  afterAll(async () => {
    await upstream?.close();
  });

  async function start(graceSeconds: number): Promise<GatewayProcess> {
    db = await createFreshDatabase();
    const modelList = ['slowchunks-250', 'slowchunks-1500'].map((delay) => ({
      model_name: `story-${delay}`,
      litellm_params: {
        model: `openai/gpt-4o-${delay}`,
        api_base: `${upstream.url}/v1`,
        api_key: 'sk-upstream',
      },
      model_info: { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 },
    }));
    gateway = await startGateway({
      config: { model_list: modelList, general_settings: { master_key: MASTER_KEY } },
      env: { DATABASE_URL: db.url, SWITCHYARD_SHUTDOWN_GRACE_SECONDS: String(graceSeconds) },
    });
    return gateway;
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}: refuses new connections at once, finishes every open stream, records its spend, exits 0`, async () => {
      const running = await start(30);
      const streams = await Promise.all(
        Array.from({ length: STREAMS }, () => openStream(running.url, 'story-slowchunks-250')),
      );
      const exited = new Promise<number | null>((resolve) => running.child.once('exit', resolve));
      running.child.kill(signal);

      // The listener is closed at once: a load balancer's next connection is refused.
      await expect.poll(() => accepts(running.port), { timeout: 2000, interval: 50 }).toBe(false);
      const bodies = await Promise.all(streams.map((stream) => stream.body));
      for (const body of bodies) {
        expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
        expect(body).not.toContain('"error"');
      }
      expect(await exited).toBe(0);
      expect(running.output()).toContain(`${signal} received: draining`);
      // Every stream's spend event was handed to the ledger before the process ended.
      expect(await spendRows(db.url)).toBe(STREAMS);
      gateway = undefined;
    });
  }

  it('ends what is still open when the grace period is over, records it, and still exits 0', async () => {
    const running = await start(1);
    const stream = await openStream(running.url, 'story-slowchunks-1500');
    const exited = new Promise<number | null>((resolve) => running.child.once('exit', resolve));
    const signalledAt = Date.now();
    running.child.kill('SIGTERM');
    const body = await stream.body.catch(() => 'cut');
    expect(body.includes('data: [DONE]')).toBe(false);
    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(12_000);
    expect(running.output()).toContain('grace period over');
    expect(await spendRows(db.url)).toBe(1);
    gateway = undefined;
  });

  it('answers readiness 503 while draining', async () => {
    const running = await start(30);
    const stream = await openStream(running.url, 'story-slowchunks-250');
    // A keep-alive connection opened before the signal still gets answers while the stream drains.
    const { Agent, request } = await import('undici');
    const agent = new Agent({ keepAliveTimeout: 30_000, connections: 1 });
    const ready = await request(`${running.url}/health/readiness`, { dispatcher: agent });
    expect(ready.statusCode).toBe(200);
    await ready.body.text();
    running.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const draining = await request(`${running.url}/health/readiness`, { dispatcher: agent }).catch(
      () => undefined,
    );
    // Either the draining answer or Fastify's 503 for requests on a closing server: never ready.
    if (draining) {
      expect(draining.statusCode).toBe(503);
      await draining.body.text();
    }
    await stream.body;
    await agent.close();
    await new Promise((resolve) => running.child.once('exit', resolve));
    gateway = undefined;
  });
});

describe('start-up with an unreachable store', () => {
  it('fails fast and clearly, naming PostgreSQL or Redis without their passwords', async () => {
    const [pgPort, redisPort] = await Promise.all([freePort(), freePort()]);
    const config = { model_list: [{ model_name: 'm', litellm_params: { model: 'mock/m' } }] };
    const envs: Record<string, string>[] = [
      { DATABASE_URL: `postgresql://switchyard:pg-secret-pw@127.0.0.1:${pgPort}/switchyard` },
      { REDIS_HOST: '127.0.0.1', REDIS_PORT: String(redisPort), REDIS_PASSWORD: 'redis-secret-pw' },
    ];
    const attempts = await Promise.all(
      envs.map(async (env) => {
        const started = Date.now();
        const result = await runGateway(['--config', writeConfig(config)], env);
        return { ...result, seconds: (Date.now() - started) / 1000 };
      }),
    );
    const [pg, redis] = attempts;
    expect(pg?.output).toMatch(
      new RegExp(`PostgreSQL at 127\\.0\\.0\\.1:${pgPort}/switchyard is unreachable`),
    );
    expect(redis?.output).toMatch(new RegExp(`Redis at 127\\.0\\.0\\.1:${redisPort} is unreachable`));
    for (const attempt of attempts) {
      expect(attempt.code).toBe(1);
      expect(attempt.output).not.toMatch(/secret-pw/);
      expect(attempt.seconds).toBeLessThan(20);
    }
  });
});
