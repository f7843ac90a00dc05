import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient, type ManagementClient } from '../support/management-client';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-roles-e2e';
const ROLES = ['admin', 'viewer', 'lead', 'member', 'ivwr'] as const;
type Role = (typeof ROLES)[number];

interface Case {
  readonly name: string;
  readonly request: (ctx: Context) => [method: 'GET' | 'POST', path: string, body?: unknown];
  /** The roles that succeed; every other role gets 403. */
  readonly allowed: readonly Role[];
}

interface Context {
  readonly t2Key: string;
  readonly memberKeyId: string;
  readonly run: number;
}

const CASES: readonly Case[] = [
  {
    name: 'generate an own key',
    request: () => ['POST', '/key/generate', {}],
    allowed: ['admin', 'lead', 'member'],
  },
  {
    name: "generate a key in the caller's team",
    request: () => ['POST', '/key/generate', { team_id: 'team-1' }],
    allowed: ['admin', 'lead', 'member'],
  },
  {
    name: 'generate a key in another team',
    request: () => ['POST', '/key/generate', { team_id: 'team-2' }],
    allowed: ['admin'],
  },
  {
    name: "update a team member's key",
    request: (c) => ['POST', '/key/update', { key_id: c.memberKeyId, max_budget: 3 }],
    allowed: ['admin', 'lead', 'member'],
  },
  {
    name: "block another team's key",
    request: (c) => ['POST', '/key/block', { key: c.t2Key }],
    allowed: ['admin'],
  },
  {
    name: "read another team's key",
    request: (c) => ['GET', `/key/info?key=${c.t2Key}`],
    allowed: ['admin', 'viewer'],
  },
  {
    name: 'list keys (scoped)',
    request: () => ['GET', '/key/list'],
    allowed: ['admin', 'viewer', 'lead', 'member', 'ivwr'],
  },
  {
    name: 'create a team',
    request: (c) => ['POST', '/team/new', { team_alias: `new-team-${c.run}` }],
    allowed: ['admin'],
  },
  {
    name: 'update a team',
    request: () => ['POST', '/team/update', { team_id: 'team-1', max_budget: 50 }],
    allowed: ['admin'],
  },
  {
    name: 'add a member to the own team',
    request: (c) => [
      'POST',
      '/team/member_add',
      { team_id: 'team-1', member: { user_id: `added-${c.run}`, role: 'user' } },
    ],
    allowed: ['admin', 'lead'],
  },
  {
    name: 'add a member to another team',
    request: (c) => [
      'POST',
      '/team/member_add',
      { team_id: 'team-2', member: { user_id: `other-${c.run}`, role: 'user' } },
    ],
    allowed: ['admin'],
  },
  {
    name: 'read the own team',
    request: () => ['GET', '/team/info?team_id=team-1'],
    allowed: ['admin', 'viewer', 'lead', 'member'],
  },
  {
    name: 'create a user',
    request: (c) => ['POST', '/user/new', { user_id: `created-${c.run}` }],
    allowed: ['admin'],
  },
  { name: 'list users', request: () => ['GET', '/user/list'], allowed: ['admin', 'viewer'] },
  {
    name: 'create an organisation',
    request: (c) => ['POST', '/organization/new', { organization_alias: `org-${c.run}` }],
    allowed: ['admin'],
  },
  { name: 'read the audit log', request: () => ['GET', '/audit'], allowed: ['admin', 'viewer'] },
];

describe('who may do what: each role × each management route', () => {
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let gateway: GatewayProcess;
  let master: ManagementClient;
  const clients = {} as Record<Role, ManagementClient>;
  let context: Omit<Context, 'run'>;

  beforeAll(async () => {
    db = await createFreshDatabase();
    gateway = await startGateway({
      config: { model_list: [{ model_name: 'm', litellm_params: { model: 'mock/m' } }] },
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url },
    });
    master = managementClient(gateway.url, MASTER);
    await master.post('/team/new', { team_id: 'team-1' });
    await master.post('/team/new', { team_id: 'team-2' });
    const roles: Record<Role, string> = {
      admin: 'proxy_admin',
      viewer: 'proxy_admin_viewer',
      lead: 'internal_user',
      member: 'internal_user',
      ivwr: 'internal_user_viewer',
    };
    for (const role of ROLES) {
      const created = await master.post('/user/new', { user_id: role, user_role: roles[role] });
      expect(created.status).toBe(200);
      clients[role] = managementClient(gateway.url, created.body.key as string);
    }
    await master.post('/team/member_add', {
      team_id: 'team-1',
      member: [
        { user_id: 'lead', role: 'admin' },
        { user_id: 'member', role: 'user' },
      ],
    });
    const t2 = await master.post('/key/generate', { team_id: 'team-2' });
    const memberKey = await master.post('/key/generate', { team_id: 'team-1', user_id: 'member' });
    context = { t2Key: t2.body.key as string, memberKeyId: memberKey.body.key_id as string };
  });

  afterAll(async () => {
    await gateway?.stop();
    await db?.drop();
  });

  let run = 0;
  for (const testCase of CASES) {
    it(`${testCase.name}: ${testCase.allowed.join(', ')} only`, async () => {
      for (const role of ROLES) {
        run += 1;
        const [method, path, body] = testCase.request({ ...context, run });
        const res = await clients[role].call(method, path, body);
        const expected = testCase.allowed.includes(role) ? 200 : 403;
        expect(res.status, `${role} ${method} ${path}: ${JSON.stringify(res.body)}`).toBe(expected);
        if (expected === 403) expect(res.body.error).toMatchObject({ code: '403' });
      }
    });
  }

  it('scopes key listings: a member sees only its own keys, a team lead its team', async () => {
    const ids = async (role: Role) =>
      (await clients[role].get('/key/list', { size: '1000' })).body.keys as Array<{
        user_id: string | null;
        team_id: string | null;
      }>;
    expect((await ids('member')).every((k) => k.user_id === 'member')).toBe(true);
    expect((await ids('lead')).every((k) => k.user_id === 'lead' || k.team_id === 'team-1')).toBe(true);
    expect((await ids('lead')).some((k) => k.user_id === 'member')).toBe(true);
    expect((await ids('viewer')).some((k) => k.team_id === 'team-2')).toBe(true);
  });
});
