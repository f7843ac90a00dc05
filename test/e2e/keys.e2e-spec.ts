import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient, type ManagementClient } from '../support/management-client';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-keys-e2e';

describe('virtual keys on Postgres: life cycle, limits on /v1, validation', () => {
  let upstream: MockUpstream;
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let gateway: GatewayProcess;
  let admin: ManagementClient;

  const chat = (key: string, model = 'gpt-4o') =>
    new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'hi' }],
    });

  beforeAll(async () => {
    upstream = await startMockUpstream();
    db = await createFreshDatabase();
    const openai = { api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' };
    gateway = await startGateway({
      config: {
        model_list: [
          { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', ...openai } },
          { model_name: 'claude', litellm_params: { model: 'openai/claude-proxy', ...openai } },
        ],
      },
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url },
    });
    admin = managementClient(gateway.url, MASTER);
  });

  afterAll(async () => {
    await gateway?.stop();
    await db?.drop();
    await upstream?.close();
  });

  it('generates a key shown once, lists it masked, and lets it call models', async () => {
    const created = await admin.post('/key/generate', {
      key_alias: 'ci-key',
      models: ['gpt-4o'],
      max_budget: 10,
      metadata: { team: 'a' },
    });
    expect(created.status).toBe(200);
    const key = created.body.key as string;
    expect(key).toMatch(/^sk-[A-Za-z0-9_-]{32,}$/);
    expect(created.body.key_name).toBe(`sk-...${key.slice(-4)}`);

    const listed = await admin.get('/key/list');
    const text = JSON.stringify(listed.body);
    expect(listed.status).toBe(200);
    expect(text).toContain('ci-key');
    expect(text).not.toContain(key);
    expect(text).not.toMatch(/[0-9a-f]{64}/);

    const info = await admin.get('/key/info', { key });
    expect(info.body.info).toMatchObject({ key_alias: 'ci-key', models: ['gpt-4o'], max_budget: 10 });
    expect(JSON.stringify(info.body)).not.toContain(key);

    const answer = await chat(key);
    expect(answer.choices).toHaveLength(1);

    // Without a `key` parameter a key reads itself, as in LiteLLM; another key stays out of reach.
    const self = await managementClient(gateway.url, key).get('/key/info');
    expect(self.status).toBe(200);
    expect(self.body.key_id).toBe(info.body.key_id);
    const other = await admin.post('/key/generate', { key_alias: 'other-key' });
    const peek = await managementClient(gateway.url, key).get('/key/info', {
      key_id: other.body.key_id as string,
    });
    expect(peek.status).toBe(403);
  });

  it('refuses unknown, blocked, expired and deleted keys with 401, and regenerates', async () => {
    await expect(chat('sk-not-a-real-key-000000000000000000000')).rejects.toMatchObject({ status: 401 });
    await expect(chat('not-even-sk')).rejects.toMatchObject({ status: 401 });

    const { body } = await admin.post('/key/generate', {});
    const key = body.key as string;
    await chat(key);

    expect((await admin.post('/key/block', { key })).body.blocked).toBe(true);
    const blocked = await chat(key).catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(blocked).toMatchObject({ status: 401 });
    expect((blocked as Error).message).toContain("Key is blocked. Update via /key/unblock if you're admin.");

    await admin.post('/key/unblock', { key });
    await chat(key);

    const renewed = await admin.post('/key/regenerate', { key });
    expect(renewed.status).toBe(200);
    const newKey = renewed.body.key as string;
    expect(newKey).not.toBe(key);
    await expect(chat(key)).rejects.toMatchObject({ status: 401 });
    await chat(newKey);

    const byPath = await admin.post(`/key/${newKey}/regenerate`, {});
    expect(byPath.status).toBe(200);
    const third = byPath.body.key as string;

    expect((await admin.post('/key/delete', { keys: [third] })).body.deleted_keys).toHaveLength(1);
    await expect(chat(third)).rejects.toMatchObject({ status: 401 });
    expect((await admin.get('/key/info', { key: third })).status).toBe(404);

    const short = await admin.post('/key/generate', { duration: '1s' });
    await chat(short.body.key as string);
    await new Promise((r) => setTimeout(r, 1200));
    const expired = await chat(short.body.key as string).catch(
      (e: InstanceType<typeof OpenAI.APIError>) => e,
    );
    expect(expired).toMatchObject({ status: 401 });
    expect((expired as Error).message).toContain('Expired Key');
  });

  it('enforces key and team model allow-lists and applies key aliases', async () => {
    const limited = (await admin.post('/key/generate', { models: ['gpt-4o'] })).body.key as string;
    const denied = await chat(limited, 'claude').catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(denied).toMatchObject({ status: 403 });
    expect((denied as Error).message).toContain(
      "key not allowed to access model. This key can only access models=['gpt-4o']. Tried to access claude",
    );

    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: limited, maxRetries: 0 });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['gpt-4o']);

    await admin.post('/team/new', { team_id: 'models-team', models: ['claude'] });
    const teamKey = (await admin.post('/key/generate', { team_id: 'models-team' })).body.key as string;
    await chat(teamKey, 'claude');
    const teamDenied = await chat(teamKey, 'gpt-4o').catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(teamDenied).toMatchObject({ status: 403 });
    expect((teamDenied as Error).message).toContain('team not allowed to access model');

    const allTeam = (
      await admin.post('/key/generate', { team_id: 'models-team', models: ['all-team-models'] })
    ).body.key as string;
    await chat(allTeam, 'claude');
    await expect(chat(allTeam, 'gpt-4o')).rejects.toMatchObject({ status: 403 });

    const aliased = (await admin.post('/key/generate', { aliases: { 'my-model': 'gpt-4o' } })).body
      .key as string;
    const answer = await chat(aliased, 'my-model');
    expect(answer.model).toBe('my-model');
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o' });
  });

  it.each([
    ['a negative budget', { max_budget: -1 }, 'max_budget'],
    ['a malformed budget duration', { budget_duration: 'soon' }, 'budget_duration'],
    ['a malformed expiry', { duration: '10 days' }, 'duration'],
    ['a wrong type', { models: 'gpt-4o' }, 'models'],
    ['an unknown team', { team_id: 'no-such-team' }, 'team_id'],
    ['an unknown user', { user_id: 'no-such-user' }, 'user_id'],
    ['a fractional rpm limit', { rpm_limit: 1.5 }, 'rpm_limit'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_name, body, field) => {
    const before = (await admin.get('/key/list')).body.total_count;
    const res = await admin.post('/key/generate', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ param: field, code: '400' });
    expect((await admin.get('/key/list')).body.total_count).toBe(before);
  });

  it('refuses a duplicate alias with 400 and keeps the first key', async () => {
    expect((await admin.post('/key/generate', { key_alias: 'dup' })).status).toBe(200);
    const again = await admin.post('/key/generate', { key_alias: 'dup' });
    expect(again.status).toBe(400);
    expect(again.body.error?.param).toBe('key_alias');
    expect((await admin.get('/key/list', { key_alias: 'dup' })).body.total_count).toBe(1);
  });

  it('records every mutation in the audit log with before and after', async () => {
    const { body } = await admin.post('/key/generate', { key_alias: 'audited' });
    await admin.post('/key/update', { key: body.key, max_budget: 5 });
    const log = await admin.get('/audit', { table_name: 'key', object_id: body.key_id as string });
    const actions = (
      log.body.audit_logs as Array<{
        action: string;
        before_value: { max_budget?: number } | null;
        updated_values: { maxBudget?: number };
      }>
    ).map((e) => e.action);
    expect(actions).toEqual(['updated', 'created']);
    const update = (
      log.body.audit_logs as Array<{ updated_values: { maxBudget: number }; changed_by: string }>
    )[0];
    expect(update?.updated_values.maxBudget).toBe(5);
    expect(update?.changed_by).toBe('default_user_id');
    expect(JSON.stringify(log.body)).not.toContain(body.key as string);
  });
});
