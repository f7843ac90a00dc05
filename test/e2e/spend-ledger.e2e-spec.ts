import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient } from '../support/management-client';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startRedisServer } from '../support/redis-server';
import { chatOnce, ledgerReaches, query, type Answered, type Ledger } from '../support/spend-traffic';
import { startGateway } from '../support/start-gateway';
import { startWorker, type WorkerProcess } from '../support/start-worker';

const MASTER = 'sk-master-spend-e2e';

function expectLedgerEqualsResponses(ledger: Ledger, answered: readonly Answered[]): void {
  expect(ledger.count).toBe(answered.length);
  for (const answer of answered) expect(ledger.ids.has(answer.requestId)).toBe(true);
  const total = answered.reduce((sum, a) => sum + a.cost, 0);
  expect(ledger.total).toBeCloseTo(total, 10);
}

describe('the spend ledger', () => {
  let upstream: MockUpstream;

  beforeAll(async () => {
    upstream = await startMockUpstream();
  });

  afterAll(async () => {
    await upstream?.close();
  });

  const config = () => ({
    model_list: [
      {
        model_name: 'gpt-4o',
        litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, api_key: 'sk-up' },
      },
      {
        model_name: 'custom',
        litellm_params: { model: 'openai/my-model', api_base: `${upstream.url}/v1` },
        model_info: { input_cost_per_token: 0.001, output_cost_per_token: 0.002 },
      },
      { model_name: 'broken', litellm_params: { model: 'openai/fail-500', api_base: `${upstream.url}/v1` } },
    ],
  });

  it('records one event per request, success or failure, with cost, tags, totals and daily aggregates (no Redis: in-process)', async () => {
    const db = await createFreshDatabase();
    const gateway = await startGateway({
      config: config(),
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url },
    });
    const pool = new Pool(gateway.url);
    try {
      const admin = managementClient(gateway.url, MASTER);
      await admin.post('/team/new', { team_id: 'spenders' });
      const created = await admin.post('/key/generate', { team_id: 'spenders', key_alias: 'spender' });
      const key = created.body.key as string;

      const answered: Answered[] = [];
      for (let i = 0; i < 6; i++)
        answered.push(await chatOnce(pool, key, 'gpt-4o', false, { 'x-litellm-tags': 'alpha,beta' }));
      for (let i = 0; i < 3; i++) answered.push(await chatOnce(pool, key, 'custom', true));
      for (let i = 0; i < 2; i++) answered.push(await chatOnce(pool, key, 'broken'));
      expect(answered.filter((a) => a.status === 502)).toHaveLength(2);
      expect(answered.filter((a) => a.status === 200).every((a) => a.cost > 0)).toBe(true);

      const ledger = await ledgerReaches(db.url, answered.length);
      expectLedgerEqualsResponses(ledger, answered);

      const [keyRow] = await query<{ spend: number }>(db.url, 'SELECT spend FROM keys WHERE key_alias = $1', [
        'spender',
      ]);
      const [teamRow] = await query<{ spend: number }>(
        db.url,
        "SELECT spend FROM teams WHERE team_id = 'spenders'",
      );
      expect(keyRow?.spend).toBeCloseTo(ledger.total, 10);
      expect(teamRow?.spend).toBeCloseTo(ledger.total, 10);
      const daily = await query<{ requests: number; failures: number }>(
        db.url,
        "SELECT sum(requests)::int AS requests, sum(failures)::int AS failures FROM daily_spend WHERE entity_type = 'team' AND entity_id = 'spenders'",
      );
      expect(daily[0]).toEqual({ requests: 11, failures: 2 });
      const tags = await query<{ entity_id: string; requests: number }>(
        db.url,
        "SELECT entity_id, requests FROM daily_spend WHERE entity_type = 'tag' ORDER BY entity_id",
      );
      expect(tags).toEqual([
        { entity_id: 'alpha', requests: 6 },
        { entity_id: 'beta', requests: 6 },
      ]);
      const [row] = await query<{
        status: string;
        prompt_tokens: number;
        custom_llm_provider: string;
        messages: unknown;
      }>(
        db.url,
        "SELECT status, prompt_tokens, custom_llm_provider, messages FROM spend_logs WHERE model = 'custom' LIMIT 1",
      );
      expect(row).toMatchObject({ status: 'success', custom_llm_provider: 'openai', messages: null });
      expect(row?.prompt_tokens).toBeGreaterThan(0);

      const admin2 = managementClient(gateway.url, MASTER);
      const logs = await admin2.get('/spend/logs', { api_key: key });
      expect((logs.body as unknown as unknown[]).length).toBe(answered.length);
      const one = await admin2.get('/spend/logs', { request_id: answered[0]!.requestId });
      expect((one.body as unknown as Array<{ spend: number; key_alias: string }>)[0]).toMatchObject({
        spend: answered[0]!.cost,
        key_alias: 'spender',
      });
      const tagSpend = (await admin2.get('/spend/tags')).body as unknown as Array<{
        individual_request_tag: string;
        log_count: number;
      }>;
      expect(tagSpend.map((t) => [t.individual_request_tag, t.log_count]).sort()).toEqual([
        ['alpha', 6],
        ['beta', 6],
      ]);
      const today = new Date().toISOString().slice(0, 10);
      const report = await admin2.get('/global/spend/report', {
        start_date: today,
        end_date: today,
        group_by: 'team',
      });
      const teams = (
        report.body as unknown as Array<{ teams: Array<{ team_name: string; total_spend: number }> }>
      )[0]?.teams;
      expect(teams?.[0]?.team_name).toBe('spenders');
      expect(teams?.[0]?.total_spend).toBeCloseTo(ledger.total, 10);
      const info = await admin2.get('/key/info', { key });
      expect((info.body.info as { spend: number }).spend).toBeCloseTo(ledger.total, 10);
      expect(
        (await admin2.get('/global/spend/report', { start_date: 'yesterday', end_date: today })).status,
      ).toBe(400);
    } finally {
      await pool.close();
      await gateway.stop();
      await db.drop();
    }
  });

  it('loses nothing through the queue: Redis killed and restarted, a worker killed mid-batch', async () => {
    const db = await createFreshDatabase();
    const redis = await startRedisServer();
    const env = {
      LITELLM_MASTER_KEY: MASTER,
      DATABASE_URL: db.url,
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: String(redis.port),
    };
    const gateway = await startGateway({ config: config(), env });
    let worker: WorkerProcess = await startWorker(env);
    const pool = new Pool(gateway.url, { connections: 8 });
    const answered: Answered[] = [];
    const burst = async (n: number, model = 'gpt-4o') => {
      const batch = await Promise.all(
        Array.from({ length: n }, (_, i) => chatOnce(pool, MASTER, model, i % 3 === 0)),
      );
      answered.push(...batch);
    };
    try {
      await burst(30);
      expectLedgerEqualsResponses(await ledgerReaches(db.url, 30), answered);

      await redis.kill();
      await burst(20);
      expect(answered.slice(-20).every((a) => a.status === 200)).toBe(true);
      await redis.start();
      expectLedgerEqualsResponses(await ledgerReaches(db.url, 50), answered);

      const load = burst(300);
      await new Promise((r) => setTimeout(r, 150));
      worker.child.kill('SIGKILL');
      await worker.exited;
      await load;
      worker = await startWorker(env);
      expectLedgerEqualsResponses(await ledgerReaches(db.url, answered.length, 60_000), answered);
    } finally {
      await pool.close();
      await gateway.stop();
      await worker.stop();
      await redis.kill();
      await db.drop();
    }
  }, 120_000);
});
