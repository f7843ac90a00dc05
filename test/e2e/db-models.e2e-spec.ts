import OpenAI from 'openai';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient } from '../support/management-client';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-models-e2e';
const CONFIG = {
  model_list: [
    { model_name: 'from-config', litellm_params: { model: 'openai/base', api_key: 'sk-config-secret' } },
  ],
};

async function servedWithin(gateway: GatewayProcess, model: string, ms: number): Promise<void> {
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER, maxRetries: 0 });
  const started = Date.now();
  for (;;) {
    const ok = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => true,
        () => false,
      );
    if (ok) return;
    if (Date.now() - started > ms) throw new Error(`${model} not served after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('models stored in the database (STORE_MODEL_IN_DB)', () => {
  let upstream: MockUpstream;
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let a: GatewayProcess;
  let b: GatewayProcess;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    db = await createFreshDatabase();
    const env = {
      LITELLM_MASTER_KEY: MASTER,
      DATABASE_URL: db.url,
      REDIS_HOST: '127.0.0.1',
      STORE_MODEL_IN_DB: 'True',
      LITELLM_SALT_KEY: 'sk-salt-e2e',
    };
    a = await startGateway({ config: CONFIG, env });
    b = await startGateway({ config: CONFIG, env });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
    await upstream?.close();
  });

  it('adds, updates and deletes a deployment on every replica without a restart, credentials encrypted', async () => {
    const admin = managementClient(a.url, MASTER);
    const created = await admin.post('/model/new', {
      model_name: 'db-gpt',
      litellm_params: {
        model: 'openai/gpt-4o-mini',
        api_base: `${upstream.url}/v1`,
        api_key: 'sk-provider-secret-42',
      },
      model_info: { id: 'db-gpt-1', mode: 'chat' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      model_name: 'db-gpt',
      model_info: { id: 'db-gpt-1', db_model: true },
    });

    await servedWithin(a, 'db-gpt', 100);
    await servedWithin(b, 'db-gpt', 1000);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-provider-secret-42');

    const info = await managementClient(b.url, MASTER).get('/model/info');
    const text = JSON.stringify(info.body);
    expect(text).toContain('db-gpt-1');
    expect(text).toContain('from-config');
    expect(text).not.toContain('sk-provider-secret-42');
    expect(text).not.toContain('sk-config-secret');
    expect(
      (await managementClient(b.url, MASTER).get('/v1/model/info', { litellm_model_id: 'db-gpt-1' })).body
        .data,
    ).toHaveLength(1);

    const client = new Client({ connectionString: db.url });
    await client.connect();
    const row = await client.query<{ litellm_params: { api_key: string } }>(
      'SELECT litellm_params FROM model_deployments',
    );
    await client.end();
    expect(row.rows[0]?.litellm_params.api_key).toMatch(/^enc:v1:/);

    const updated = await admin.post('/model/update', { id: 'db-gpt-1', model_name: 'db-gpt-renamed' });
    expect(updated.status).toBe(200);
    await servedWithin(b, 'db-gpt-renamed', 1000);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-provider-secret-42');

    expect((await admin.post('/model/delete', { id: 'db-gpt-1' })).body).toEqual({
      message: 'Model: db-gpt-1 deleted successfully',
    });
    const deadline = Date.now() + 1000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = await new OpenAI({ baseURL: `${b.url}/v1`, apiKey: MASTER, maxRetries: 0 }).chat.completions
        .create({ model: 'db-gpt-renamed', messages: [{ role: 'user', content: 'hi' }] })
        .then(
          () => 200,
          (e: { status: number }) => e.status,
        );
    }
    expect(status).toBe(400);
  });

  it('validates a stored model like config.yaml and refuses config models and non-admins', async () => {
    const admin = managementClient(a.url, MASTER);
    const bad = await admin.post('/model/new', { model_name: 'x', litellm_params: { model: 'nope/x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('unknown provider');
    expect((await admin.post('/model/update', { id: CONFIG.model_list[0] && 'missing-id' })).status).toBe(
      404,
    );

    const user = await admin.post('/user/new', { user_id: 'modeler', user_role: 'internal_user' });
    const res = await managementClient(a.url, user.body.key as string).post('/model/new', {
      model_name: 'y',
      litellm_params: { model: 'mock/y' },
    });
    expect(res.status).toBe(403);
  });
});
