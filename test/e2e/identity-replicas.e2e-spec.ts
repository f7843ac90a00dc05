import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient } from '../support/management-client';
import { startGateway, type GatewayProcess } from '../support/start-gateway';
import { startTcpRelay } from '../support/tcp-relay';

const MASTER = 'sk-master-replicas-e2e';
const CONFIG = { model_list: [{ model_name: 'm', litellm_params: { model: 'mock/m' } }] };

const chat = (gateway: GatewayProcess, key: string) =>
  new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({
    model: 'm',
    messages: [{ role: 'user', content: 'hi' }],
  });

async function refusedWithin(gateway: GatewayProcess, key: string, ms: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const status = await chat(gateway, key).then(
      () => 200,
      (e: { status?: number }) => e.status ?? 0,
    );
    if (status === 401) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`still accepted after ${ms} ms (last status ${status})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('two replicas on one Postgres and Redis', () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let a: GatewayProcess;
  let b: GatewayProcess;

  beforeAll(async () => {
    db = await createFreshDatabase();
    const env = {
      LITELLM_MASTER_KEY: MASTER,
      DATABASE_URL: db.url,
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: '6379',
    };
    a = await startGateway({ config: CONFIG, env });
    b = await startGateway({ config: CONFIG, env });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('refuses a key blocked, regenerated or deleted through one replica on the other within a second', async () => {
    const admin = managementClient(a.url, MASTER);
    const key = (await admin.post('/key/generate', {})).body.key as string;
    await chat(b, key);

    await admin.post('/key/block', { key });
    expect(await refusedWithin(b, key, 1000)).toBeLessThan(1000);

    await admin.post('/key/unblock', { key });
    await chat(a, key);
    const renewed = (await admin.post('/key/regenerate', { key })).body.key as string;
    expect(await refusedWithin(b, key, 1000)).toBeLessThan(1000);
    await chat(b, renewed);

    await admin.post('/key/delete', { keys: [renewed] });
    expect(await refusedWithin(b, renewed, 1000)).toBeLessThan(1000);
  });

  it('applies the team changes of one replica on the other (blocking a team)', async () => {
    const admin = managementClient(a.url, MASTER);
    await admin.post('/team/new', { team_id: 'replica-team' });
    const key = (await admin.post('/key/generate', { team_id: 'replica-team' })).body.key as string;
    await chat(b, key);
    await admin.post('/team/update', { team_id: 'replica-team', blocked: true });
    expect(await refusedWithin(b, key, 1000)).toBeLessThan(1000);
  });
});

describe('restarts, embedded PGlite and a database outage', () => {
  it('keeps keys across a restart and applies migrations only once (Postgres)', async () => {
    const db = await createFreshDatabase();
    const env = { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url };
    try {
      const first = await startGateway({ config: CONFIG, env });
      expect(first.output()).toMatch(/[1-9]\d* migration\(s\) applied/);
      const key = (await managementClient(first.url, MASTER).post('/key/generate', { key_alias: 'survivor' }))
        .body.key as string;
      await first.stop();

      const second = await startGateway({ config: CONFIG, env });
      try {
        expect(second.output()).toContain('0 migration(s) applied');
        await chat(second, key);
      } finally {
        await second.stop();
      }
    } finally {
      await db.drop();
    }
  });

  it('keeps keys across a restart in the embedded PGlite folder (no DATABASE_URL)', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-pglite-'));
    const env = { LITELLM_MASTER_KEY: MASTER, SWITCHYARD_DATA_DIR: dataDir };

    const first = await startGateway({ config: CONFIG, env });
    const admin = managementClient(first.url, MASTER);
    await admin.post('/team/new', { team_id: 'embedded-team' });
    const key = (await admin.post('/key/generate', { team_id: 'embedded-team' })).body.key as string;
    await chat(first, key);
    await first.stop();

    const second = await startGateway({ config: CONFIG, env });
    try {
      expect(second.output()).toContain('0 migration(s) applied');
      await chat(second, key);
      expect(
        (await managementClient(second.url, MASTER).get('/team/info', { team_id: 'embedded-team' })).status,
      ).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('answers management calls with 503 while the database is down, and keeps serving cached keys', async () => {
    const db = await createFreshDatabase();
    const relay = await startTcpRelay(5432);
    const url = db.url.replace('127.0.0.1:5432', `127.0.0.1:${relay.port}`);
    const gateway = await startGateway({
      config: CONFIG,
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: url },
    });
    try {
      const admin = managementClient(gateway.url, MASTER);
      const key = (await admin.post('/key/generate', {})).body.key as string;
      await chat(gateway, key);

      await relay.cut();
      const down = await admin.post('/key/generate', {});
      expect(down.status).toBe(503);
      expect(down.body.error?.message).toContain('database');
      await chat(gateway, key);
      expect((await fetch(`${gateway.url}/health/liveness`)).status).toBe(200);
      const readiness = (await (await fetch(`${gateway.url}/health/readiness`)).json()) as { db: string };
      expect(readiness.db).toBe('Not connected');
    } finally {
      await gateway.stop();
      await relay.close();
      await db.drop();
    }
  });
});
