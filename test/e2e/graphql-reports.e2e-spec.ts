import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { chatOnce, ledgerReaches, query, type Answered } from '../support/spend-traffic';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-graphql-reports-master-0123456789';
const PROVIDER_KEY = 'sk-upstream-secret-do-not-show-4242';
const STORED_KEY = 'sk-stored-secret-do-not-show-7373';

interface GqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  text: string;
}

interface LogNode {
  requestId: string;
  keyId: string | null;
  keyAlias: string | null;
  userId: string | null;
  teamId: string | null;
  spend: number;
  promptTokens: number;
  completionTokens: number;
  status: string;
}

interface LogPage {
  spendLogs: {
    totalCount: number;
    edges: { cursor: string; node: LogNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

type Person = 'leadA' | 'memberA' | 'memberB' | 'viewer';

describe('GraphQL reports: spend, audit, models, deployment health', () => {
  let upstream: MockUpstream;
  let db: FreshDatabase;
  let gateway: GatewayProcess;
  let pool: Pool;
  const keys = {} as Record<Person, string>;
  const keyIds = {} as Partial<Record<Person, string>>;
  const userIds = {} as Record<Person, string>;
  const answered: Answered[] = [];
  const responses: string[] = [];

  async function gql(
    text: string,
    variables: Record<string, unknown> = {},
    credential: string | null = MASTER,
  ): Promise<GqlAnswer> {
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = await res.text();
    responses.push(body);
    return { ...(JSON.parse(body) as Omit<GqlAnswer, 'text'>), text: body };
  }

  async function ok<T>(text: string, variables?: Record<string, unknown>, credential?: string): Promise<T> {
    const answer = await gql(text, variables, credential);
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data as T;
  }

  const codeOf = (answer: GqlAnswer) => answer.errors?.[0]?.extensions?.code;

  const LOGS = `query($first: Int!, $after: String, $filter: SpendLogFilter) {
    spendLogs(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { requestId keyId keyAlias userId teamId spend promptTokens completionTokens status
        callType model modelGroup deploymentId provider cacheHit startTime endTime tags team { id } user { id } } }
    } }`;

  /** Every log the caller sees, page by page. */
  async function allLogs(credential: string, filter: object = {}, first = 3): Promise<LogNode[]> {
    const seen: LogNode[] = [];
    let after: string | null = null;
    for (;;) {
      const page: LogPage = await ok<LogPage>(LOGS, { first, after, filter }, credential);
      expect(page.spendLogs.edges.length).toBeLessThanOrEqual(first);
      seen.push(...page.spendLogs.edges.map((edge) => edge.node));
      if (!page.spendLogs.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(page.spendLogs.totalCount);
        return seen;
      }
      after = page.spendLogs.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    upstream = await startMockUpstream();
    db = await createFreshDatabase();
    const at = (name: string, model: string, id: string) => ({
      model_name: name,
      litellm_params: { model, api_base: `${upstream.url}/v1`, api_key: PROVIDER_KEY },
      model_info: { id, input_cost_per_token: 0.001, output_cost_per_token: 0.002 },
    });
    gateway = await startGateway({
      config: {
        model_list: [at('gpt', 'openai/gpt-4o', 'gpt-1'), at('broken', 'openai/fail-500', 'broken-1')],
        general_settings: { master_key: MASTER, background_health_checks: true, health_check_interval: 1 },
      },
      env: { DATABASE_URL: db.url, STORE_MODEL_IN_DB: 'True' },
    });
    pool = new Pool(gateway.url);

    await ok(`mutation { a: createTeam(id: "team-a", input: { teamAlias: "Team A" }) { id }
                         b: createTeam(id: "team-b", input: { teamAlias: "Team B" }) { id } }`);
    const people: [Person, string, string | null, 'ADMIN' | 'USER' | null][] = [
      ['leadA', 'INTERNAL_USER', 'team-a', 'ADMIN'],
      ['memberA', 'INTERNAL_USER', 'team-a', 'USER'],
      ['memberB', 'INTERNAL_USER', 'team-b', 'USER'],
      ['viewer', 'PROXY_ADMIN_VIEWER', null, null],
    ];
    for (const [person, userRole, teamId, teamRole] of people) {
      const created = await ok<{ createUser: { user: { id: string }; key: string } }>(
        `mutation($input: UserInput!) { createUser(input: $input, autoCreateKey: ${teamId ? 'false' : 'true'}) { user { id } key } }`,
        { input: { userEmail: `${person.toLowerCase()}@example.com`, userRole } },
      );
      userIds[person] = created.createUser.user.id;
      keys[person] = created.createUser.key;
      if (!teamId) continue;
      await ok(
        `mutation($team: ID!, $user: ID!, $role: TeamRole!) {
           addTeamMembers(teamId: $team, members: [{ userId: $user, role: $role }]) { id } }`,
        { team: teamId, user: userIds[person], role: teamRole },
      );
      const generated = await ok<{ generateKey: { key: string; record: { id: string } } }>(
        `mutation($input: KeyInput!) { generateKey(input: $input) { key record { id } } }`,
        { input: { userId: userIds[person], teamId, keyAlias: `${person}-key` } },
      );
      keys[person] = generated.generateKey.key;
      keyIds[person] = generated.generateKey.record.id;
    }
    // Membership changes reach the identity cache through its invalidation events.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const traffic: [Person, number, Record<string, string>][] = [
      ['leadA', 2, { 'x-litellm-tags': 'alpha' }],
      ['memberA', 2, {}],
      ['memberB', 3, { 'x-litellm-tags': 'alpha,beta' }],
    ];
    for (const [person, count, headers] of traffic) {
      for (let i = 0; i < count; i++)
        answered.push(await chatOnce(pool, keys[person], 'gpt', false, headers));
    }
    expect(answered.every((a) => a.status === 200)).toBe(true);
    await ledgerReaches(db.url, answered.length);
    // The set-up's answers hold the new keys on purpose; the checks start from here.
    responses.length = 0;
  }, 60_000);

  afterAll(async () => {
    await pool?.close();
    await gateway?.stop();
    await upstream?.close();
    await db?.drop();
  });

  describe('spendLogs', () => {
    it('pages through every request without overlap, newest first, with the key by id and alias', async () => {
      const logs = await allLogs(MASTER);
      expect(new Set(logs.map((l) => l.requestId))).toEqual(new Set(answered.map((a) => a.requestId)));
      expect(logs.find((l) => l.keyAlias === 'memberA-key')?.keyId).toBe(keyIds.memberA);
      const total = logs.reduce((sum, l) => sum + l.spend, 0);
      expect(total).toBeCloseTo(
        answered.reduce((sum, a) => sum + a.cost, 0),
        10,
      );
      // Pages of one and of seven agree.
      expect((await allLogs(MASTER, {}, 1)).map((l) => l.requestId)).toEqual(logs.map((l) => l.requestId));
    });

    it('filters by team, user, key, model, status and date', async () => {
      expect(await allLogs(MASTER, { teamId: 'team-b' })).toHaveLength(3);
      expect(await allLogs(MASTER, { userId: userIds.leadA })).toHaveLength(2);
      expect(await allLogs(MASTER, { keyId: keyIds.memberA })).toHaveLength(2);
      expect(await allLogs(MASTER, { keyId: 'no-such-key' })).toHaveLength(0);
      expect(await allLogs(MASTER, { model: 'gpt', status: 'SUCCESS' })).toHaveLength(7);
      expect(await allLogs(MASTER, { status: 'FAILURE' })).toHaveLength(0);
      const today = new Date().toISOString().slice(0, 10);
      expect(await allLogs(MASTER, { from: today, to: today })).toHaveLength(7);
      expect(await allLogs(MASTER, { from: '2099-01-01' })).toHaveLength(0);
    });

    it('scopes by role: team admins their teams, users their own, viewers everything', async () => {
      const teamsOf = async (person: Person) => new Set((await allLogs(keys[person])).map((l) => l.teamId));
      expect(await allLogs(keys.leadA)).toHaveLength(4);
      expect(await teamsOf('leadA')).toEqual(new Set(['team-a']));
      const own = await allLogs(keys.memberA);
      expect(own.map((l) => l.userId)).toEqual([userIds.memberA, userIds.memberA]);
      expect(await allLogs(keys.viewer)).toHaveLength(7);
      // A filter cannot widen the scope.
      expect(await allLogs(keys.memberA, { teamId: 'team-b' })).toHaveLength(0);
    });
  });

  describe('spendSummary', () => {
    const SUMMARY = `query($groupBy: SpendGroupBy!, $from: String!, $to: String!, $filter: SpendSummaryFilter) {
      spendSummary(groupBy: $groupBy, from: $from, to: $to, filter: $filter) {
        day group { id name } spend requests promptTokens completionTokens } }`;
    const today = new Date().toISOString().slice(0, 10);
    type Row = {
      day: string;
      group: { id: string | null; name: string | null };
      spend: number;
      requests: number;
      promptTokens: number;
      completionTokens: number;
    };
    const summary = async (groupBy: string, credential = MASTER, filter: object = {}) =>
      (await ok<{ spendSummary: Row[] }>(SUMMARY, { groupBy, from: today, to: today, filter }, credential))
        .spendSummary;

    it('adds up to the logs, per day and team, key, user, model and tag', async () => {
      const logs = await allLogs(MASTER);
      const sumOf = (rows: LogNode[]) => ({
        spend: rows.reduce((s, l) => s + l.spend, 0),
        requests: rows.length,
        promptTokens: rows.reduce((s, l) => s + l.promptTokens, 0),
        completionTokens: rows.reduce((s, l) => s + l.completionTokens, 0),
      });
      const byTeam = await summary('TEAM');
      expect(byTeam.map((r) => [r.day, r.group.id, r.group.name])).toEqual([
        [today, 'team-a', 'Team A'],
        [today, 'team-b', 'Team B'],
      ]);
      for (const row of byTeam) {
        const expected = sumOf(logs.filter((l) => l.teamId === row.group.id));
        expect(row.requests).toBe(expected.requests);
        expect(row.spend).toBeCloseTo(expected.spend, 10);
        expect(row.promptTokens).toBe(expected.promptTokens);
        expect(row.completionTokens).toBe(expected.completionTokens);
      }
      const byKey = await summary('KEY');
      expect(new Set(byKey.map((r) => r.group.id))).toEqual(
        new Set([keyIds.leadA, keyIds.memberA, keyIds.memberB]),
      );
      expect(byKey.find((r) => r.group.id === keyIds.memberB)).toMatchObject({
        requests: 3,
        group: { name: 'memberB-key' },
      });
      expect((await summary('USER')).find((r) => r.group.id === userIds.leadA)?.requests).toBe(2);
      expect((await summary('MODEL')).map((r) => [r.group.id, r.requests])).toEqual([['gpt', 7]]);
      expect((await summary('TAG')).map((r) => [r.group.id, r.requests])).toEqual([
        ['alpha', 5],
        ['beta', 3],
      ]);
      expect((await summary('TEAM', MASTER, { teamId: 'team-b' })).map((r) => r.requests)).toEqual([3]);
    });

    it('gives per-day totals without groupBy, and the top spenders over the range with spendTotals', async () => {
      const logs = await allLogs(MASTER);
      const perDay = await ok<{ spendSummary: Row[] }>(
        '{ spendSummary(from: "TODAY", to: "TODAY") { day group { id } spend requests } }'.replaceAll(
          'TODAY',
          today,
        ),
      );
      expect(perDay.spendSummary).toHaveLength(1);
      expect(perDay.spendSummary[0]).toMatchObject({
        day: today,
        group: { id: null },
        requests: logs.length,
      });
      expect(perDay.spendSummary[0]?.spend).toBeCloseTo(
        logs.reduce((sum, log) => sum + log.spend, 0),
        10,
      );
      const TOTALS = `query($groupBy: SpendGroupBy!, $first: Int!) {
        spendTotals(groupBy: $groupBy, from: "${today}", to: "${today}", first: $first) { group { id name } spend requests } }`;
      type Total = { group: { id: string | null }; spend: number; requests: number };
      const totals = async (groupBy: string, first: number, credential = MASTER) =>
        (await ok<{ spendTotals: Total[] }>(TOTALS, { groupBy, first }, credential)).spendTotals;
      const byKey = await totals('KEY', 10);
      expect(byKey.map((t) => t.spend)).toEqual([...byKey.map((t) => t.spend)].sort((a, b) => b - a));
      expect(byKey.reduce((sum, t) => sum + t.requests, 0)).toBe(logs.length);
      expect(await totals('KEY', 1)).toEqual([byKey[0]]);
      expect((await totals('TEAM', 10, keys.leadA)).map((t) => t.group.id)).toEqual(['team-a']);
      const tooMany = await gql(TOTALS, { groupBy: 'KEY', first: 101 });
      expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('is scoped like the logs', async () => {
      expect((await summary('TEAM', keys.leadA)).map((r) => [r.group.id, r.requests])).toEqual([
        ['team-a', 4],
      ]);
      expect((await summary('USER', keys.memberA)).map((r) => [r.group.id, r.requests])).toEqual([
        [userIds.memberA, 2],
      ]);
    });
  });

  describe('models, audit and deployment health', () => {
    const DEPLOYMENT =
      'id modelName provider litellmModel apiBase source inputCostPerToken litellmParams modelInfo';

    it('lists deployments page by page with every credential removed', async () => {
      const first = await gql(`{ modelDeployments(first: 1) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { ${DEPLOYMENT} } } } }`);
      expect(first.text).not.toContain(PROVIDER_KEY);
      const data = first.data as {
        modelDeployments: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { modelName: string; litellmParams: object; source: string } }[];
        };
      };
      expect(data.modelDeployments.totalCount).toBe(2);
      expect(data.modelDeployments.edges[0]?.node).toMatchObject({ modelName: 'broken', source: 'CONFIG' });
      expect(data.modelDeployments.edges[0]?.node.litellmParams).not.toHaveProperty('api_key');
      const named = await gql(
        '{ modelDeployments(first: 100) { edges { node { modelName credentialFields } } } }',
      );
      expect(named.text).not.toContain(PROVIDER_KEY);
      const fields = (
        named.data as { modelDeployments: { edges: { node: { credentialFields: string[] } }[] } }
      ).modelDeployments.edges.map((edge) => edge.node.credentialFields);
      expect(fields).toContainEqual(['api_key']);
      const second = await ok<{ modelDeployments: { edges: { node: { modelName: string } }[] } }>(
        `query($after: String) { modelDeployments(first: 5, after: $after) { edges { node { modelName } } } }`,
        { after: data.modelDeployments.pageInfo.endCursor },
      );
      expect(second.modelDeployments.edges.map((e) => e.node.modelName)).toEqual(['gpt']);
      const filtered = await ok<{ modelDeployments: { totalCount: number } }>(
        '{ modelDeployments(filter: { modelName: "gpt", provider: "openai", source: CONFIG }) { totalCount } }',
      );
      expect(filtered.modelDeployments.totalCount).toBe(1);
      const one = await ok<{ modelDeployment: { litellmModel: string } }>(
        '{ modelDeployment(id: "gpt-1") { litellmModel } }',
      );
      expect(one.modelDeployment.litellmModel).toBe('openai/gpt-4o');
    });

    it('creates, updates and deletes a stored model, audited without its credential', async () => {
      const created = await ok<{ createModel: { id: string; source: string; litellmParams: object } }>(
        `mutation($input: ModelInput!) { createModel(input: $input) { ${DEPLOYMENT} } }`,
        {
          input: {
            modelName: 'stored',
            litellmParams: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, api_key: STORED_KEY },
            modelInfo: { id: 'stored-1' },
          },
        },
      );
      expect(created.createModel).toMatchObject({ id: 'stored-1', source: 'DB' });
      const updated = await ok<{ updateModel: { inputCostPerToken: number } }>(
        `mutation { updateModel(id: "stored-1", input: { modelInfo: { input_cost_per_token: 0.5 } }) { inputCostPerToken } }`,
      );
      expect(updated.updateModel.inputCostPerToken).toBe(0.5);
      // The stored model routes: its credential was kept through the update.
      expect((await chatOnce(pool, MASTER, 'stored')).status).toBe(200);

      const audit = await ok<{
        auditEvents: {
          totalCount: number;
          edges: { node: { action: string; changedBy: string; after: object } }[];
        };
      }>(`{ auditEvents(filter: { entityType: "model", entityId: "stored-1" }) { totalCount
            edges { node { id action entityType entityId changedBy before after createdAt } } } }`);
      expect(audit.auditEvents.edges.map((e) => e.node.action)).toEqual(['updated', 'created']);
      expect(audit.auditEvents.edges[0]?.node.after).toMatchObject({
        litellmParams: { model: 'openai/gpt-4o' },
      });

      expect(await ok(`mutation { deleteModel(id: "stored-1") }`)).toEqual({ deleteModel: 'stored-1' });
      expect(codeOf(await gql('{ modelDeployment(id: "stored-1") { id } }'))).toBe('NOT_FOUND');
      const deleted = await ok<{ auditEvents: { edges: { node: { action: string } }[] } }>(
        '{ auditEvents(first: 1, filter: { entityId: "stored-1", action: "deleted" }) { edges { node { action } } } }',
      );
      expect(deleted.auditEvents.edges).toHaveLength(1);
      // Config deployments are not the API's to change.
      expect(codeOf(await gql('mutation { deleteModel(id: "gpt-1") }'))).toBe('BAD_USER_INPUT');
    });

    it('pages the audit log newest first without overlap', async () => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          auditEvents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string } } & {
            edges: { node: { id: string; createdAt: string } }[];
          };
        } = await ok(
          `query($after: String) { auditEvents(first: 4, after: $after) { totalCount
             pageInfo { hasNextPage endCursor } edges { node { id createdAt } } } }`,
          { after },
        );
        ids.push(...page.auditEvents.edges.map((e) => e.node.id));
        if (!page.auditEvents.pageInfo.hasNextPage) {
          expect(ids).toHaveLength(page.auditEvents.totalCount);
          break;
        }
        after = page.auditEvents.pageInfo.endCursor;
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(8);
    });

    it('shows each deployment\u2019s health: the failing one unhealthy with its error class, no secrets', async () => {
      type Health = {
        deploymentHealth: {
          id: string;
          status: string;
          lastCheckHealthy: boolean | null;
          lastErrorClass: string | null;
          lastCheckedAt: string | null;
        }[];
      };
      const deadline = Date.now() + 15_000;
      let health: Health;
      for (;;) {
        health = await ok<Health>(
          '{ deploymentHealth { id modelName litellmModel status coolingDownUntil lastCheckHealthy lastCheckedAt lastErrorClass } }',
        );
        const broken = health.deploymentHealth.find((d) => d.id === 'broken-1');
        if (broken?.status === 'UNHEALTHY' || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const byId = new Map(health.deploymentHealth.map((d) => [d.id, d]));
      expect(byId.get('gpt-1')).toMatchObject({
        status: 'HEALTHY',
        lastCheckHealthy: true,
        lastErrorClass: null,
      });
      expect(byId.get('broken-1')).toMatchObject({
        status: 'UNHEALTHY',
        lastCheckHealthy: false,
        lastErrorClass: 'InternalServerError',
      });
      expect(byId.get('broken-1')?.lastCheckedAt).toBeTruthy();
    });
  });

  describe('access and errors', () => {
    it('lets viewers read but not mutate, and keeps admin-only reports from others', async () => {
      expect(codeOf(await gql('{ auditEvents { totalCount } }', {}, keys.viewer))).toBeUndefined();
      const mutation = await gql(
        'mutation { createModel(input: { modelName: "x", litellmParams: { model: "openai/x" } }) { id } }',
        {},
        keys.viewer,
      );
      expect(codeOf(mutation)).toBe('FORBIDDEN');
      expect(codeOf(await gql('mutation { deleteModel(id: "gpt-1") }', {}, keys.leadA))).toBe('FORBIDDEN');
      expect(codeOf(await gql('{ auditEvents { totalCount } }', {}, keys.leadA))).toBe('FORBIDDEN');
      expect(codeOf(await gql('{ deploymentHealth { id } }', {}, keys.viewer))).toBe('FORBIDDEN');
      expect(codeOf(await gql('{ spendLogs { totalCount } }', {}, null))).toBe('UNAUTHENTICATED');
      expect(codeOf(await gql('{ modelDeployments { totalCount } }', {}, 'sk-not-a-key'))).toBe(
        'UNAUTHENTICATED',
      );
    });

    it('refuses bad input with BAD_USER_INPUT and no internals', async () => {
      const bad = [
        await gql('{ spendLogs(first: 0) { totalCount } }'),
        await gql('{ spendLogs(first: 101) { totalCount } }'),
        await gql('{ spendLogs(after: "not-a-cursor") { totalCount } }'),
        await gql(`{ spendLogs(after: "${Buffer.from('["x","y"]').toString('base64url')}") { totalCount } }`),
        await gql('{ spendLogs(filter: { from: "yesterday" }) { totalCount } }'),
        await gql('{ spendLogs(filter: { from: "2026-02-30T99:00:00Z" }) { totalCount } }'),
        await gql('{ spendSummary(groupBy: TEAM, from: "2026-01-02", to: "2026-01-01") { day } }'),
        await gql('{ spendSummary(groupBy: TEAM, from: "2020-01-01", to: "2026-01-01") { day } }'),
        await gql('{ auditEvents(after: "bm9wZQ") { totalCount } }'),
        await gql('{ modelDeployments(first: 0) { totalCount } }'),
        await gql('{ modelDeployments(after: "zzz") { totalCount } }'),
        await gql('mutation { createModel(input: { modelName: "x" }) { id } }'),
      ];
      expect(bad.map(codeOf)).toEqual(bad.map(() => 'BAD_USER_INPUT'));
      for (const answer of bad) expect(answer.text).not.toMatch(/at \w+ \(|SELECT|prisma/i);
    });
  });

  it('never shows a key, a key hash or a provider credential in any answer', async () => {
    const hashes = await query<{ token: string }>(db.url, 'SELECT token FROM keys');
    expect(hashes.length).toBeGreaterThan(0);
    const everything = responses.join('\n');
    for (const { token } of hashes) expect(everything).not.toContain(token);
    for (const secret of [PROVIDER_KEY, STORED_KEY, keys.leadA, keys.memberA, keys.memberB]) {
      expect(everything).not.toContain(secret);
    }
  });
});
