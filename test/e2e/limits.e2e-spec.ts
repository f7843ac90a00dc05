import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient, type ManagementClient } from '../support/management-client';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';
import { startWorker } from '../support/start-worker';

const MASTER = 'sk-master-limits-e2e';

interface Result {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { message: string; type: string; code: string } };
}

async function chat(pool: Pool, key: string, model = 'gpt-4o'): Promise<Result> {
  const res = await pool.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'the same prompt every time' }] }),
  });
  return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as Result['body'] };
}

describe('budgets and rate limits across two gateway processes sharing Redis', () => {
  let upstream: MockUpstream;
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let pools: Pool[];
  let admin: ManagementClient;
  let unitCost: number;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    db = await createFreshDatabase();
    const env = { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url, REDIS_HOST: '127.0.0.1' };
    const config = {
      model_list: [
        { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` } },
        {
          model_name: 'slow',
          litellm_params: { model: 'openai/slow-300', api_base: `${upstream.url}/v1` },
          model_info: { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6 },
        },
        {
          model_name: 'limited-deployment',
          litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, rpm: 3 },
        },
      ],
    };
    a = await startGateway({ config, env });
    b = await startGateway({ config, env });
    pools = [new Pool(a.url, { connections: 64 }), new Pool(b.url, { connections: 64 })];
    admin = managementClient(a.url, MASTER);
    // Each process learns the deployment's cost per request (the estimate it reserves).
    const warm = await Promise.all(pools.map((pool) => chat(pool, MASTER)));
    unitCost = Number(warm[0]?.headers['x-litellm-response-cost']);
    expect(unitCost).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await Promise.all((pools ?? []).map((pool) => pool.close()));
    await a?.stop();
    await b?.stop();
    await db?.drop();
    await upstream?.close();
  });

  const fire = (key: string, n: number, model = 'gpt-4o') =>
    Promise.all(Array.from({ length: n }, (_, i) => chat(pools[i % 2] as Pool, key, model)));

  it('lets through exactly the 10 requests a budget covers out of 50 concurrent ones, then refuses', async () => {
    const key = (await admin.post('/key/generate', { key_alias: 'ten-requests', max_budget: unitCost * 10 }))
      .body.key as string;

    const results = await fire(key, 50);

    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.every((r) => r.status === 429 && r.body.error?.type === 'budget_exceeded')).toBe(true);
    const later = await chat(pools[1] as Pool, key);
    expect(later.status).toBe(429);
    expect(later.body.error?.message).toMatch(
      /^Budget has been exceeded! Key=ten-requests Current cost: [\d.e-]+, Max budget: [\d.e-]+$/,
    );
  });

  it('holds a team budget for all its keys', async () => {
    await admin.post('/team/new', { team_id: 'budget-team', max_budget: unitCost * 4 });
    const keys = await Promise.all(
      [1, 2].map(
        async () => (await admin.post('/key/generate', { team_id: 'budget-team' })).body.key as string,
      ),
    );
    const results = (await Promise.all(keys.map((key) => fire(key, 10)))).flat();
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    const refusal = results.find((r) => r.status === 429);
    expect(refusal?.body.error?.message).toContain('Budget has been exceeded! Team=budget-team');
  });

  it('enforces rpm_limit across both processes with retry-after and x-ratelimit headers', async () => {
    const key = (await admin.post('/key/generate', { rpm_limit: 5 })).body.key as string;
    const results: Result[] = [];
    for (let i = 0; i < 12; i++) results.push(await chat(pools[i % 2] as Pool, key));

    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(5);
    expect(ok.map((r) => r.headers['x-ratelimit-remaining-requests'])).toEqual(['4', '3', '2', '1', '0']);
    expect(ok.every((r) => r.headers['x-ratelimit-limit-requests'] === '5')).toBe(true);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused[0]?.body.error).toMatchObject({ type: 'throttling_error', code: '429' });
    expect(refused[0]?.body.error?.message).toMatch(
      /^Rate limit exceeded for api_key: .+\. Limit type: requests\. Current limit: 5, Remaining: 0\. Limit resets at: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
    );
  });

  it('enforces max_parallel_requests and tpm_limit', async () => {
    const parallel = (await admin.post('/key/generate', { max_parallel_requests: 2 })).body.key as string;
    const slow = await fire(parallel, 6, 'slow');
    expect(slow.filter((r) => r.status === 200)).toHaveLength(2);
    expect(slow.find((r) => r.status === 429)?.body.error?.message).toContain(
      'Limit type: max_parallel_requests',
    );
    // The slots are released right after each response (on the other process's Redis connection).
    await new Promise((r) => setTimeout(r, 100));
    const after = await chat(pools[0] as Pool, parallel, 'slow');
    expect(after.status, JSON.stringify(after.body)).toBe(200);

    const tokens = (await admin.post('/key/generate', { tpm_limit: 5 })).body.key as string;
    expect((await chat(pools[0] as Pool, tokens)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const second = await chat(pools[1] as Pool, tokens);
    expect(second.status).toBe(429);
    expect(second.body.error?.message).toContain('Limit type: tokens');
  });

  it("enforces a deployment's rpm for every caller", async () => {
    const results: Result[] = [];
    for (let i = 0; i < 5; i++) results.push(await chat(pools[i % 2] as Pool, MASTER, 'limited-deployment'));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('budgets without Redis (one process, in memory)', () => {
  it('lets through only what the budget covers', async () => {
    const upstream = await startMockUpstream();
    const db = await createFreshDatabase();
    const gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` },
          },
        ],
      },
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url },
    });
    const pool = new Pool(gateway.url, { connections: 32 });
    try {
      const cost = Number((await chat(pool, MASTER)).headers['x-litellm-response-cost']);
      const key = (
        await managementClient(gateway.url, MASTER).post('/key/generate', { max_budget: cost * 3 })
      ).body.key as string;
      const results = await Promise.all(Array.from({ length: 20 }, () => chat(pool, key)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    } finally {
      await pool.close();
      await gateway.stop();
      await db.drop();
      await upstream.close();
    }
  });
});

describe('budget periods (budget_duration)', () => {
  it('starts a new period when the duration has passed, in the gateway without Redis and through the worker with it', async () => {
    const upstream = await startMockUpstream();
    const config = {
      model_list: [
        { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` } },
      ],
    };
    const run = async (env: Record<string, string>, withWorker: boolean) => {
      const db = await createFreshDatabase();
      const fullEnv = {
        ...env,
        LITELLM_MASTER_KEY: MASTER,
        DATABASE_URL: db.url,
        SWITCHYARD_BUDGET_RESET_INTERVAL_MS: '200',
      };
      const gateway = await startGateway({ config, env: fullEnv });
      const worker = withWorker ? await startWorker(fullEnv) : undefined;
      const pool = new Pool(gateway.url, { connections: 4 });
      try {
        const cost = Number((await chat(pool, MASTER)).headers['x-litellm-response-cost']);
        const created = await managementClient(gateway.url, MASTER).post('/key/generate', {
          max_budget: cost * 2,
          budget_duration: '2s',
        });
        const key = created.body.key as string;
        expect((await chat(pool, key)).status).toBe(200);
        expect((await chat(pool, key)).status).toBe(200);
        expect((await chat(pool, key)).status).toBe(429);
        const admin = managementClient(gateway.url, MASTER);
        await admin.post('/organization/new', {
          organization_id: 'periodic',
          organization_alias: `periodic-${Date.now()}`,
          max_budget: cost,
          budget_duration: '2s',
        });
        const orgKey = (await admin.post('/key/generate', { organization_id: 'periodic' })).body
          .key as string;
        expect((await chat(pool, orgKey)).status).toBe(200);
        expect((await chat(pool, orgKey)).status).toBe(429);
        await new Promise((r) => setTimeout(r, 2600));
        expect((await chat(pool, key)).status).toBe(200);
        expect((await chat(pool, orgKey)).status).toBe(200);
        const info = await managementClient(gateway.url, MASTER).get('/key/info', { key });
        expect(
          new Date((info.body.info as { budget_reset_at: string }).budget_reset_at).getTime(),
        ).toBeGreaterThan(Date.now());
      } finally {
        await pool.close();
        await worker?.stop();
        await gateway.stop();
        await db.drop();
      }
    };
    try {
      await run({}, false);
      await run({ REDIS_HOST: '127.0.0.1' }, true);
    } finally {
      await upstream.close();
    }
  }, 60_000);
});

describe('organisation, end-user and per-model key budgets', () => {
  it('refuses once the organisation, the end user or the key-model budget is spent', async () => {
    const upstream = await startMockUpstream();
    const db = await createFreshDatabase();
    const endUserBudget = 0.001;
    const gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'priced',
            litellm_params: { model: 'openai/priced', api_base: `${upstream.url}/v1` },
            model_info: { input_cost_per_token: 1e-5, output_cost_per_token: 1e-5 },
          },
        ],
        litellm_settings: { max_end_user_budget: endUserBudget },
      },
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url, REDIS_HOST: '127.0.0.1' },
    });
    const pool = new Pool(gateway.url, { connections: 8 });
    const admin = managementClient(gateway.url, MASTER);
    const send = async (key: string, user?: string) => {
      const res = await pool.request({
        method: 'POST',
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          model: 'priced',
          messages: [{ role: 'user', content: 'the same prompt every time' }],
          ...(user ? { user } : {}),
        }),
      });
      return {
        status: res.statusCode,
        body: (await res.body.json()) as Result['body'],
        cost: Number(res.headers['x-litellm-response-cost']),
      };
    };
    try {
      const cost = (await send(MASTER)).cost;
      expect(cost).toBeGreaterThan(0);

      await admin.post('/organization/new', {
        organization_id: 'org-b',
        organization_alias: 'Org B',
        max_budget: cost * 2,
      });
      const orgKey = (await admin.post('/key/generate', { organization_id: 'org-b' })).body.key as string;
      expect([(await send(orgKey)).status, (await send(orgKey)).status]).toEqual([200, 200]);
      const orgRefused = await send(orgKey);
      expect(orgRefused.status).toBe(429);
      expect(orgRefused.body.error?.message).toContain('Budget has been exceeded! Organization=org-b');

      const modelKey = (
        await admin.post('/key/generate', {
          key_alias: 'per-model',
          model_max_budget: { priced: { budget_limit: cost } },
        })
      ).body.key as string;
      expect((await send(modelKey)).status).toBe(200);
      const modelRefused = await send(modelKey);
      expect(modelRefused.status).toBe(429);
      expect(modelRefused.body.error?.message).toContain(
        'key_alias: per-model, exceeded budget for model=priced',
      );

      const covered = Math.floor(endUserBudget / cost + 1e-9);
      const statuses: number[] = [];
      for (let i = 0; i < covered + 2; i++) statuses.push((await send(MASTER, 'customer-1')).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(covered);
      expect(statuses.at(-1)).toBe(429);
      expect((await send(MASTER, 'customer-2')).status).toBe(200);
    } finally {
      await pool.close();
      await gateway.stop();
      await db.drop();
      await upstream.close();
    }
  });
});
