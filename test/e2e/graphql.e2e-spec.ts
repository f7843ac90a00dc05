import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadGatewayConfig } from '@switchyard/config';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';

const MASTER_KEY = 'sk-graphql-master-key-0123456789';

interface GqlAnswer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string }; path?: string[] }[];
}

type Role = 'admin' | 'viewer' | 'leadA' | 'memberA' | 'leadB';

describe('GraphQL admin API (/graphql)', () => {
  let db: FreshDatabase;
  let app: NestFastifyApplication;
  let configDir: string | undefined;
  const keys = {} as Record<Role, string>;
  const teams = { A: 'team-a', B: 'team-b' };
  const userIds = {} as Record<Role, string>;

  async function gql(
    query: string,
    variables: Record<string, unknown> = {},
    credential: string | null = MASTER_KEY,
  ): Promise<GqlAnswer> {
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        },
        payload: JSON.stringify({ query, variables }),
      });
    return { status: response.statusCode, ...(JSON.parse(response.body) as Omit<GqlAnswer, 'status'>) };
  }

  /** The data of an answer that must have succeeded. */
  async function ok<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    credential?: string | null,
  ): Promise<T> {
    const answer = await gql(query, variables, credential);
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data as T;
  }

  const codeOf = (answer: GqlAnswer) => answer.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    db = await createFreshDatabase();
    configDir = mkdtempSync(join(tmpdir(), 'switchyard-graphql-'));
    const configPath = join(configDir, 'config.yaml');
    writeFileSync(
      configPath,
      [
        'model_list:',
        '  - model_name: mock-gpt',
        '    litellm_params:',
        '      model: mock/mock-gpt',
        'general_settings:',
        `  master_key: ${MASTER_KEY}`,
      ].join('\n'),
    );
    const { config } = loadGatewayConfig(['--config', configPath], { DATABASE_URL: db.url });
    app = await NestFactory.create<NestFastifyApplication>(
      GatewayModule.forRoot(config),
      new FastifyAdapter(),
      {
        logger: false,
        bodyParser: false,
      },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();

    await ok(`mutation { a: createTeam(id: "${teams.A}", input: { teamAlias: "Team A" }) { id }
                          b: createTeam(id: "${teams.B}", input: { teamAlias: "Team B" }) { id } }`);
    const people: [Role, string, string | null, 'ADMIN' | 'USER' | null][] = [
      ['viewer', 'PROXY_ADMIN_VIEWER', null, null],
      ['leadA', 'INTERNAL_USER', teams.A, 'ADMIN'],
      ['memberA', 'INTERNAL_USER', teams.A, 'USER'],
      ['leadB', 'INTERNAL_USER', teams.B, 'ADMIN'],
    ];
    for (const [role, userRole, teamId, teamRole] of people) {
      const created = await ok<{ createUser: { user: { id: string }; key: string } }>(
        `mutation($input: UserInput!) { createUser(input: $input, autoCreateKey: true) { user { id } key } }`,
        { input: { userEmail: `${role.toLowerCase()}@example.com`, userRole } },
      );
      userIds[role] = created.createUser.user.id;
      keys[role] = created.createUser.key;
      if (teamId) {
        await ok(
          `mutation($team: ID!, $user: ID!, $role: TeamRole!) {
          addTeamMembers(teamId: $team, members: [{ userId: $user, role: $role }]) { id } }`,
          {
            team: teamId,
            user: userIds[role],
            role: teamRole,
          },
        );
      }
    }
    keys.admin = MASTER_KEY;
    userIds.admin = 'default_user_id';
    // Membership changes reach the identity cache through its invalidation events.
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  describe('who sees what: the same queries and mutations as each role', () => {
    it('lists keys by role: admins and viewers all, team admins their teams and their own, users their own', async () => {
      const keyOwners = async (role: Role) => {
        const data = await ok<{
          keys: { totalCount: number; edges: { node: { userId: string | null; teamId: string | null } }[] };
        }>('{ keys(first: 100) { totalCount edges { node { userId teamId } } } }', {}, keys[role]);
        expect(data.keys.totalCount).toBe(data.keys.edges.length);
        return data.keys.edges.map((edge) => edge.node);
      };
      expect(await keyOwners('admin')).toHaveLength(4);
      expect(await keyOwners('viewer')).toHaveLength(4);
      // The users' own keys carry no team: a team admin sees its own key plus its team's keys.
      expect((await keyOwners('leadA')).map((k) => k.userId)).toEqual([userIds.leadA]);
      expect((await keyOwners('memberA')).map((k) => k.userId)).toEqual([userIds.memberA]);
      // A team member's key in its team: its team admin sees it too.
      const teamKey = await ok<{ generateKey: { record: { id: string } } }>(
        `mutation { generateKey(input: { teamId: "${teams.A}" }) { record { id } } }`,
        {},
        keys.memberA,
      );
      expect(teamKey.generateKey.record.id).toBeTruthy();
      expect((await keyOwners('leadA')).map((k) => k.userId).sort()).toEqual(
        [userIds.leadA, userIds.memberA].sort(),
      );
      expect(await keyOwners('leadB')).toEqual([{ userId: userIds.leadB, teamId: null }]);
      expect(await keyOwners('memberA')).toHaveLength(2);
      await ok(`mutation($id: ID!) { deleteKeys(ids: [$id]) }`, { id: teamKey.generateKey.record.id });
    });

    it("lets a team admin manage its team's keys and members, and refuses the other team's", async () => {
      const create = (role: Role, team: string) =>
        gql(
          `mutation($team: ID) { generateKey(input: { teamId: $team, keyAlias: "${role}-${team}" }) { key record { id teamId } } }`,
          { team },
          keys[role],
        );
      const expected: Record<Role, [string | undefined, string | undefined]> = {
        // [team A, team B]
        admin: [undefined, undefined],
        viewer: ['FORBIDDEN', 'FORBIDDEN'],
        leadA: [undefined, 'FORBIDDEN'],
        memberA: [undefined, 'FORBIDDEN'],
        leadB: ['FORBIDDEN', undefined],
      };
      for (const [role, [onA, onB]] of Object.entries(expected) as [Role, [string?, string?]][]) {
        const a = await create(role, teams.A);
        const b = await create(role, teams.B);
        expect([role, codeOf(a), codeOf(b)]).toEqual([role, onA, onB]);
        for (const answer of [a, b]) {
          const id = (answer.data?.['generateKey'] as { record?: { id: string } } | null)?.record?.id;
          if (id) await ok(`mutation($id: ID!) { deleteKeys(ids: [$id]) }`, { id });
        }
      }

      const addMember = (role: Role, team: string) =>
        gql(
          `mutation($team: ID!) { addTeamMembers(teamId: $team, members: [{ userEmail: "new-${role}@example.com" }]) { id } }`,
          { team },
          keys[role],
        );
      expect(codeOf(await addMember('leadA', teams.A))).toBeUndefined();
      expect(codeOf(await addMember('leadA', teams.B))).toBe('FORBIDDEN');
      expect(codeOf(await addMember('memberA', teams.A))).toBe('FORBIDDEN');
      expect(codeOf(await addMember('viewer', teams.A))).toBe('FORBIDDEN');
      expect(codeOf(await addMember('admin', teams.B))).toBeUndefined();

      const readTeam = (role: Role, team: string) =>
        gql(
          `query($team: ID!) { team(id: $team) { id members { role user { email } } } }`,
          { team },
          keys[role],
        );
      expect(codeOf(await readTeam('leadA', teams.A))).toBeUndefined();
      expect(codeOf(await readTeam('memberA', teams.A))).toBeUndefined();
      expect(codeOf(await readTeam('viewer', teams.B))).toBeUndefined();
      expect(codeOf(await readTeam('leadB', teams.A))).toBe('FORBIDDEN');
    });

    it('keeps teams, users and organisations to admins where REST does', async () => {
      for (const role of ['viewer', 'leadA', 'memberA'] as Role[]) {
        expect(
          codeOf(await gql('mutation { createTeam(input: { teamAlias: "x" }) { id } }', {}, keys[role])),
        ).toBe('FORBIDDEN');
        expect(
          codeOf(
            await gql(
              'mutation { createOrganization(input: { organizationAlias: "x" }) { id } }',
              {},
              keys[role],
            ),
          ),
        ).toBe('FORBIDDEN');
      }
      const teamsSeen = async (role: Role) =>
        (await ok<{ teams: { totalCount: number } }>('{ teams { totalCount } }', {}, keys[role])).teams
          .totalCount;
      expect(await teamsSeen('admin')).toBe(2);
      expect(await teamsSeen('viewer')).toBe(2);
      expect(await teamsSeen('leadA')).toBe(1);
      expect(await teamsSeen('leadB')).toBe(1);
      const usersSeen = async (role: Role) =>
        (await ok<{ users: { totalCount: number } }>('{ users { totalCount } }', {}, keys[role])).users
          .totalCount;
      expect(await usersSeen('admin')).toBeGreaterThanOrEqual(4);
      expect(await usersSeen('leadA')).toBe(1);
      const me = await ok<{ user: { email: string; memberships: { role: string; team: { id: string } }[] } }>(
        '{ user { email memberships { role team { id } } } }',
        {},
        keys.leadA,
      );
      expect(me.user).toEqual({
        email: 'leada@example.com',
        memberships: [{ role: 'ADMIN', team: { id: teams.A } }],
      });
    });
  });

  it("pages a team's members for those who may read the team", async () => {
    const MEMBERS = `query($team: ID!, $after: String) { teamMembers(teamId: $team, first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { role user { email } team { id } } } } }`;
    type Page = {
      teamMembers: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { role: string; user: { email: string }; team: { id: string } } }[];
      };
    };
    const emails: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: Page = await ok<Page>(MEMBERS, { team: teams.A, after }, keys.leadA);
      total = page.teamMembers.totalCount;
      emails.push(...page.teamMembers.edges.map((edge) => edge.node.user.email));
      expect(page.teamMembers.edges.every((edge) => edge.node.team.id === teams.A)).toBe(true);
      after = page.teamMembers.pageInfo.hasNextPage ? page.teamMembers.pageInfo.endCursor : null;
    } while (after);
    expect(emails.length).toBe(total);
    expect(new Set(emails).size).toBe(total);
    expect(emails).toEqual(expect.arrayContaining(['leada@example.com', 'membera@example.com']));
    expect(codeOf(await gql(MEMBERS, { team: teams.A, after: null }, keys.leadB))).toBe('FORBIDDEN');
  });

  it('tells each caller who it is (viewer), the master key included', async () => {
    const viewer = (role: Role) =>
      ok<{ viewer: { userId: string; role: string; isMaster: boolean; adminOfTeams: string[] } }>(
        '{ viewer { userId role isMaster adminOfTeams } }',
        {},
        keys[role],
      );
    expect((await viewer('admin')).viewer).toMatchObject({ role: 'PROXY_ADMIN', isMaster: true });
    expect((await viewer('leadA')).viewer).toEqual({
      userId: userIds.leadA,
      role: 'INTERNAL_USER',
      isMaster: false,
      adminOfTeams: [teams.A],
    });
    expect((await viewer('viewer')).viewer).toMatchObject({ role: 'PROXY_ADMIN_VIEWER', adminOfTeams: [] });
  });

  describe('answers', () => {
    it('never shows a key or its hash, only the masked name, and shows a new key once', async () => {
      const created = await ok<{ generateKey: { key: string; record: { id: string; keyName: string } } }>(
        'mutation { generateKey(input: { keyAlias: "once" }) { key record { id keyName } } }',
      );
      const { key, record } = created.generateKey;
      expect(key).toMatch(/^sk-/);
      expect(record.keyName).not.toBe(key);
      const listed = await gql(
        '{ keys(first: 100) { edges { node { id keyName keyAlias metadata aliases } } } }',
      );
      const text = JSON.stringify(listed);
      expect(text).not.toContain(key);
      const { createHash } = await import('node:crypto');
      expect(text).not.toContain(createHash('sha256').update(key).digest('hex'));
      expect(text).toContain(record.keyName);
    });

    it('pages keys with cursors: pages do not overlap and cover the list, in the order asked', async () => {
      const all = new Set<string>();
      let after: string | null = null;
      let total = 0;
      let previousSpendOrder: string[] = [];
      do {
        const page: {
          keys: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: { node: { id: string; createdAt: string } }[];
          };
        } = await ok(
          'query($after: String) { keys(first: 2, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id createdAt } } } }',
          { after },
        );
        total = page.keys.totalCount;
        const ids = page.keys.edges.map((e) => e.node.id);
        for (const id of ids) {
          expect(all.has(id)).toBe(false);
          all.add(id);
        }
        previousSpendOrder = [...previousSpendOrder, ...page.keys.edges.map((e) => e.node.createdAt)];
        after = page.keys.pageInfo.hasNextPage ? page.keys.pageInfo.endCursor : null;
      } while (after);
      expect(all.size).toBe(total);
      expect(previousSpendOrder).toEqual([...previousSpendOrder].sort());
    });

    it('gives coded errors: UNAUTHENTICATED, BAD_USER_INPUT, NOT_FOUND, FORBIDDEN; no stack, no SQL', async () => {
      const none = await gql('{ keys { totalCount } }', {}, null);
      expect(codeOf(none)).toBe('UNAUTHENTICATED');
      const wrong = await gql('{ keys { totalCount } }', {}, 'sk-not-a-real-key-000000000000');
      expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
      expect(codeOf(await gql('{ keys(first: 0) { totalCount } }'))).toBe('BAD_USER_INPUT');
      expect(codeOf(await gql('{ keys(first: 5, after: "not-a-cursor") { totalCount } }'))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await gql('mutation { generateKey(input: { maxBudget: -1 }) { key } }'))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await gql('mutation { generateKey(input: { budgetDuration: "soon" }) { key } }'))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await gql('{ key(id: "00000000-0000-0000-0000-000000000000") { id } }'))).toBe(
        'NOT_FOUND',
      );
      expect(codeOf(await gql('mutation { deleteTeams(ids: ["team-a"]) }', {}, keys.viewer))).toBe(
        'FORBIDDEN',
      );
      const typeError = await gql('{ keys(first: "ten") { totalCount } }');
      expect(typeError.status).toBe(400);
      expect(codeOf(typeError)).toBe('GRAPHQL_VALIDATION_FAILED');
      const duplicate = await gql('mutation { createTeam(id: "team-a", input: {}) { id } }');
      expect(codeOf(duplicate)).toBe('BAD_USER_INPUT');
      for (const answer of [none, wrong, duplicate, typeError]) {
        const text = JSON.stringify(answer);
        expect(text).not.toMatch(/stacktrace|at .*\.(js|ts):\d+|SELECT|INSERT|prisma/i);
      }
    });

    it('refuses queries that are too deep or too complex before running them', async () => {
      const deep = await gql(
        '{ keys { edges { node { team { members { user { memberships { team { members { user { memberships { team { id } } } } } } } } } } } } }',
      );
      expect(deep.status).toBe(400);
      expect(deep.errors?.[0]?.message).toMatch(/too deep/);
      const selection = 'edges { node { team { members { user { email memberships { role } } } } } }';
      const wide = await gql(
        `{ ${'abcdefgh'
          .split('')
          .map((alias) => `${alias}: keys(first: 100) { ${selection} }`)
          .join(' ')} }`,
      );
      expect(wide.status).toBe(400);
      expect(codeOf(wide)).toBe('QUERY_TOO_COMPLEX');
    });
  });

  it('reads 100 keys with their team, user and organisation in a fixed, small number of SQL queries', async () => {
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          ok(
            `mutation { generateKey(input: { teamId: "${i % 2 ? teams.A : teams.B}", userId: "${i % 2 ? userIds.memberA : userIds.leadB}", keyAlias: "bulk-${batch}-${i}" }) { key } }`,
          ),
        ),
      );
    }
    const query =
      '{ keys(first: FIRST) { totalCount edges { node { id spend budget { remaining } team { alias members { role } } user { email } organization { id } } } } }';
    const count = async (first: number) => {
      const spy = vi.spyOn(Client.prototype, 'query');
      try {
        const data = await ok<{ keys: { edges: unknown[] } }>(query.replace('FIRST', String(first)));
        expect(data.keys.edges).toHaveLength(first);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const forTen = await count(10);
    const forHundred = await count(100);
    // Whatever the page size: the page and its count, the teams (with their members and the members'
    // e-mails: Prisma reads each relation in a query of its own) and the users (with their teams).
    expect(forHundred).toBe(forTen);
    expect(forHundred).toBeLessThanOrEqual(8);
  });
});
