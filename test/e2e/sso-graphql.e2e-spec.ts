import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { managementClient, type ManagementClient } from '../support/management-client';
import { login, startTestIdp, type LoginResult, type TestIdp } from '../support/oidc-provider';
import { freePort, startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-sso-graphql-master-key-77aa';
const MODELS = [{ model_name: 'mock-gpt', litellm_params: { model: 'mock/mock-gpt' } }];
const SSO = {
  groups_claim: 'groups',
  team_mappings: [
    { group: 'alpha-leads', team: 'team-alpha', role: 'admin' },
    { group: 'beta-leads', team: 'team-beta', role: 'admin' },
  ],
};

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Two team leads in different IdP groups log in through the full redirect flow, then manage their
 * team's keys over GraphQL; a revoked key stops working on another replica within a second.
 */
describe('team leads: SSO login, then their team over GraphQL', () => {
  let idp: TestIdp;
  let db: FreshDatabase;
  let gateway: GatewayProcess;
  let replica: GatewayProcess;
  let admin: ManagementClient;
  let alice: LoginResult;
  let bob: LoginResult;
  const adminKeys: Record<'alpha' | 'beta', string> = { alpha: '', beta: '' };

  /** Alice sends her session as the cookie the browser holds; Bob as a bearer token. */
  const asAlice = () => ({ cookie: `switchyard_session=${alice.token ?? ''}` });
  const asBob = () => ({ authorization: `Bearer ${bob.token ?? ''}` });

  async function gql(headers: Record<string, string>, query: string, variables = {}): Promise<Answer> {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  }

  const visibleKeyIds = async (headers: Record<string, string>) => {
    const answer = await gql(headers, '{ keys(first: 100) { edges { node { id teamId } } } }');
    expect(answer.errors).toBeUndefined();
    const keys = answer.data?.['keys'] as { edges: { node: { id: string; teamId: string } }[] };
    return keys.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    const port = await freePort();
    idp = await startTestIdp([`http://127.0.0.1:${port}/sso/callback`]);
    db = await createFreshDatabase();
    const config = { model_list: MODELS, general_settings: { master_key: MASTER, sso: SSO } };
    const env = {
      DATABASE_URL: db.url,
      REDIS_HOST: '127.0.0.1',
      GENERIC_CLIENT_ID: idp.clientId,
      GENERIC_CLIENT_SECRET: idp.clientSecret,
      GENERIC_ISSUER: idp.issuer,
      GENERIC_SCOPE: 'openid email profile groups',
      PROXY_BASE_URL: `http://127.0.0.1:${port}`,
    };
    gateway = await startGateway({ port, config, env });
    replica = await startGateway({ config, env });
    admin = managementClient(gateway.url, MASTER);
    for (const team of ['alpha', 'beta'] as const) {
      expect((await admin.post('/team/new', { team_id: `team-${team}` })).status).toBe(200);
      const key = await admin.post('/key/generate', { team_id: `team-${team}`, key_alias: `admin-${team}` });
      adminKeys[team] = key.body.key_id as string;
    }
    alice = await login(gateway.url, idp, 'alice');
    bob = await login(gateway.url, idp, 'bob');
  });

  afterAll(async () => {
    await Promise.all([gateway?.stop(), replica?.stop()]);
    await idp?.close();
    await db?.drop();
  });

  it('logs each lead in through the IdP and shows each only its own team', async () => {
    expect(alice.token).toBeTruthy();
    expect(bob.token).toBeTruthy();
    expect(await visibleKeyIds(asAlice())).toEqual([{ id: adminKeys.alpha, teamId: 'team-alpha' }]);
    expect(await visibleKeyIds(asBob())).toEqual([{ id: adminKeys.beta, teamId: 'team-beta' }]);
    const me = await gql(asAlice(), '{ user { id email memberships { role team { id } } } }');
    expect(me.data?.['user']).toEqual({
      id: 'alice-sub',
      email: 'alice@example.com',
      memberships: [{ role: 'ADMIN', team: { id: 'team-alpha' } }],
    });
  });

  it("creates and revokes a key for its team, fails to touch the other team's, and the revoked key stops at once", async () => {
    for (const [lead, team, otherTeamKey] of [
      [asAlice, 'team-alpha', adminKeys.beta],
      [asBob, 'team-beta', adminKeys.alpha],
    ] as const) {
      const created = await gql(
        lead(),
        'mutation($team: ID!) { generateKey(input: { teamId: $team, keyAlias: null }) { key record { id teamId } } }',
        { team },
      );
      expect(created.errors).toBeUndefined();
      const { key, record } = created.data?.['generateKey'] as {
        key: string;
        record: { id: string; teamId: string };
      };
      expect(record.teamId).toBe(team);

      // The new key works on the other replica with the official SDK.
      const client = new OpenAI({ apiKey: key, baseURL: `${replica.url}/v1`, maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'mock-gpt',
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(completion.choices[0]?.message.content).toBeTruthy();

      // The other team's key and team are out of reach.
      const otherTeam = team === 'team-alpha' ? 'team-beta' : 'team-alpha';
      for (const [query, variables] of [
        ['mutation($id: ID!) { blockKey(id: $id) { id } }', { id: otherTeamKey }],
        ['mutation($id: ID!) { deleteKeys(ids: [$id]) }', { id: otherTeamKey }],
        ['mutation($id: ID!) { updateKey(id: $id, input: { maxBudget: 1 }) { id } }', { id: otherTeamKey }],
        ['mutation($team: ID) { generateKey(input: { teamId: $team }) { key } }', { team: otherTeam }],
        [
          'mutation($team: ID!) { addTeamMembers(teamId: $team, members: [{ userEmail: "intruder@example.com" }]) { id } }',
          { team: otherTeam },
        ],
      ] as const) {
        const refused = await gql(lead(), query, variables);
        expect([query, refused.errors?.[0]?.extensions?.code]).toEqual([query, 'FORBIDDEN']);
      }

      // Revoked: refused by the replica within a second.
      const revoked = await gql(lead(), 'mutation($id: ID!) { blockKey(id: $id) { status } }', {
        id: record.id,
      });
      expect(revoked.data?.['blockKey']).toEqual({ status: 'BLOCKED' });
      const deadline = Date.now() + 1000;
      let status = 200;
      while (Date.now() < deadline) {
        const response = await fetch(`${replica.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: 'again' }] }),
        });
        status = response.status;
        await response.text();
        if (status === 401) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(401);
      await expect(
        client.chat.completions.create({ model: 'mock-gpt', messages: [{ role: 'user', content: 'x' }] }),
      ).rejects.toMatchObject({ status: 401 });
    }
    // Each lead's keys: the admin's key of its team and its own (blocked) one.
    expect((await visibleKeyIds(asAlice())).every((k) => k.teamId === 'team-alpha')).toBe(true);
    expect((await visibleKeyIds(asBob())).every((k) => k.teamId === 'team-beta')).toBe(true);
  });

  it('refuses GraphQL without a session or with a forged one', async () => {
    const none = await gql({}, '{ keys { totalCount } }');
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await gql(
      { cookie: 'switchyard_session=eyJhbGciOiJIUzI1NiJ9.e30.AAAA' },
      '{ keys { totalCount } }',
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
