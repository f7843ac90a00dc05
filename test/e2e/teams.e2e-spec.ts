import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient, type ManagementClient } from '../support/management-client';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-teams-e2e';

describe('users, teams and organisations over HTTP', () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let gateway: GatewayProcess;
  let admin: ManagementClient;

  beforeAll(async () => {
    db = await createFreshDatabase();
    gateway = await startGateway({
      config: { model_list: [{ model_name: 'm', litellm_params: { model: 'mock/m' } }] },
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url },
    });
    admin = managementClient(gateway.url, MASTER);
  });

  afterAll(async () => {
    await gateway?.stop();
    await db?.drop();
  });

  it('runs the whole life cycle: organisation → team → user → membership → deletion', async () => {
    const org = await admin.post('/organization/new', {
      organization_id: 'org-1',
      organization_alias: 'Research',
      models: ['m'],
      max_budget: 100,
    });
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({
      organization_id: 'org-1',
      organization_alias: 'Research',
      max_budget: 100,
    });

    const team = await admin.post('/team/new', {
      team_id: 'team-a',
      team_alias: 'Team A',
      organization_id: 'org-1',
      max_budget: 20,
      rpm_limit: 60,
    });
    expect(team.body).toMatchObject({
      team_id: 'team-a',
      organization_id: 'org-1',
      max_budget: 20,
      rpm_limit: 60,
      members_with_roles: [],
    });

    const user = await admin.post('/user/new', {
      user_id: 'alice',
      user_email: 'alice@example.com',
      user_role: 'internal_user',
    });
    expect(user.body).toMatchObject({
      user_id: 'alice',
      user_email: 'alice@example.com',
      user_role: 'internal_user',
    });
    const aliceKey = user.body.key as string;
    expect(aliceKey).toMatch(/^sk-/);
    const answer = await new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: aliceKey,
      maxRetries: 0,
    }).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.choices).toHaveLength(1);

    const added = await admin.post('/team/member_add', {
      team_id: 'team-a',
      member: [
        { user_id: 'alice', role: 'admin' },
        { user_email: 'bob@example.com', role: 'user' },
      ],
    });
    expect(added.status).toBe(200);
    expect(added.body.members_with_roles).toEqual([
      { user_id: 'alice', user_email: 'alice@example.com', role: 'admin' },
      expect.objectContaining({ user_email: 'bob@example.com', role: 'user' }),
    ]);

    const info = await admin.get('/team/info', { team_id: 'team-a' });
    expect(info.body.team_info).toMatchObject({ team_alias: 'Team A' });
    const aliceInfo = await managementClient(gateway.url, aliceKey).get('/user/info');
    expect(aliceInfo.body).toMatchObject({ user_id: 'alice', teams: ['team-a'] });

    const updated = await admin.post('/team/update', { team_id: 'team-a', max_budget: 30 });
    expect(updated.body.data).toMatchObject({ max_budget: 30 });
    expect((await admin.post('/user/update', { user_id: 'alice', max_budget: 5 })).body.data).toMatchObject({
      max_budget: 5,
    });
    expect(((await admin.get('/team/list')).body as unknown as unknown[]).length).toBe(1);
    expect((await admin.get('/user/list')).body.total).toBe(2);
    expect(
      ((await admin.get('/organization/list')).body as unknown as Array<{ teams: unknown[] }>)[0]?.teams,
    ).toEqual([{ team_id: 'team-a' }]);

    const removed = await admin.post('/team/member_delete', {
      team_id: 'team-a',
      user_email: 'bob@example.com',
    });
    expect(removed.body.members_with_roles).toHaveLength(1);

    expect((await admin.post('/organization/delete', { organization_ids: ['org-1'] })).status).toBe(400);
    expect((await admin.post('/team/delete', { team_ids: ['team-a'] })).status).toBe(200);
    expect((await admin.get('/team/info', { team_id: 'team-a' })).status).toBe(404);
    expect((await admin.post('/user/delete', { user_ids: ['alice'] })).status).toBe(200);
    await expect(
      new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: aliceKey, maxRetries: 0 }).models.list(),
    ).rejects.toMatchObject({ status: 401 });
    expect((await admin.call('DELETE', '/organization/delete', { organization_ids: ['org-1'] })).status).toBe(
      200,
    );
    expect((await admin.get('/organization/info', { organization_id: 'org-1' })).status).toBe(404);
  });

  it.each([
    ['/team/new', { team_alias: 'x', max_budget: -5 }, 'max_budget'],
    ['/team/new', { team_alias: 'y', organization_id: 'nope' }, 'organization_id'],
    ['/team/new', { team_alias: 'z', budget_duration: '3 days' }, 'budget_duration'],
    ['/user/new', { user_role: 'superuser' }, 'user_role'],
    ['/user/new', { user_email: 'not-an-email' }, 'user_email'],
    ['/organization/new', { models: [] }, 'organization_alias'],
    ['/team/member_add', { team_id: 'nope', member: { user_id: 'u', role: 'user' } }, 'team_id'],
  ])('refuses bad input on %s with an error naming %j', async (path, body, field) => {
    const res = await admin.post(path, body);
    expect([400, 404]).toContain(res.status);
    expect(res.body.error?.param).toBe(field);
  });

  it('refuses a duplicate team alias without writing a second team', async () => {
    expect((await admin.post('/team/new', { team_alias: 'Unique' })).status).toBe(200);
    const again = await admin.post('/team/new', { team_alias: 'Unique' });
    expect(again.status).toBe(400);
    expect(again.body.error?.param).toBe('team_alias');
    const teams = (await admin.get('/team/list')).body as unknown as Array<{ team_alias: string }>;
    expect(teams.filter((t) => t.team_alias === 'Unique')).toHaveLength(1);
  });
});
