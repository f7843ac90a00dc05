import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import OpenAI from 'openai';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { bareEnv, startGateway, type GatewayProcess } from '../support/start-gateway';

const IMPORTER_MAIN = resolve(__dirname, '../../dist/apps/importer/src/main.js');
const LITELLM_SCHEMA = readFileSync(resolve(__dirname, '../support/litellm-schema.sql'), 'utf8');
const LITELLM_TABLES = [
  'LiteLLM_BudgetTable',
  'LiteLLM_OrganizationTable',
  'LiteLLM_UserTable',
  'LiteLLM_TeamTable',
  'LiteLLM_TeamMembership',
  'LiteLLM_OrganizationMembership',
  'LiteLLM_VerificationToken',
];

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
/** LiteLLM's TIMESTAMP(3) columns hold UTC without a zone. */
const utc = (date: Date) => date.toISOString().replace('Z', '');
const DAY = 86_400_000;
const now = Date.now();

const KEYS = {
  good: 'sk-litellm-good-0000000000000000000000wxyz',
  raw: 'sk-litellm-raw-11111111111111111111111rawk',
  expired: 'sk-litellm-expired-22222222222222222222xexp',
  blocked: 'sk-litellm-blocked-33333333333333333333xblk',
  orphan: 'sk-litellm-orphan-444444444444444444444xorp',
  duplicate: 'sk-litellm-dupe-5555555555555555555555xdup',
  ghostTeam: 'sk-litellm-ghost-team-66666666666666666xgst',
};

type Row = Record<string, unknown>;

/** Inserts a row the way LiteLLM's Prisma client would: text[] for string lists, jsonb for the rest. */
async function insert(client: Client, table: string, row: Row): Promise<void> {
  const columns = Object.keys(row);
  const values = Object.values(row).map((value) =>
    value !== null &&
    typeof value === 'object' &&
    !(Array.isArray(value) && value.every((item) => typeof item === 'string'))
      ? JSON.stringify(value)
      : value,
  );
  await client.query(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
}

/** What LiteLLM's proxy would have written: users, teams, orgs, budgets, keys, with their rough edges. */
async function fillLiteLlmDatabase(client: Client): Promise<void> {
  await client.query(LITELLM_SCHEMA);
  const by = { created_by: 'default_user_id', updated_by: 'default_user_id' };
  const at = (daysAgo: number) => utc(new Date(now - daysAgo * DAY));
  await insert(client, 'LiteLLM_BudgetTable', {
    budget_id: 'budget-org',
    max_budget: 500,
    soft_budget: 400,
    budget_duration: '30d',
    budget_reset_at: utc(new Date(now + 10 * DAY)),
    tpm_limit: 100_000,
    rpm_limit: 1_000,
    ...by,
  });
  await insert(client, 'LiteLLM_BudgetTable', {
    budget_id: 'budget-key',
    soft_budget: 5,
    max_budget: 20,
    ...by,
  });
  await insert(client, 'LiteLLM_BudgetTable', {
    budget_id: 'budget-odd',
    max_budget: 7,
    budget_duration: '1 month',
    ...by,
  });

  await insert(client, 'LiteLLM_OrganizationTable', {
    organization_id: 'org-1',
    organization_alias: 'Research',
    budget_id: 'budget-org',
    models: ['mock-gpt'],
    spend: 12.5,
    metadata: { cost_center: 'r-1' },
    created_at: at(30),
    ...by,
  });
  await insert(client, 'LiteLLM_OrganizationTable', {
    organization_id: 'org-2',
    organization_alias: 'Research',
    budget_id: 'budget-odd',
    models: [],
    created_at: at(20),
    ...by,
  });

  const user = (row: Row) => insert(client, 'LiteLLM_UserTable', { models: [], ...row });
  await user({
    user_id: 'u-admin',
    user_role: 'proxy_admin',
    user_email: 'admin@example.com',
    created_at: at(40),
  });
  await user({
    user_id: 'u-alice',
    user_role: 'internal_user',
    user_email: 'alice@example.com',
    user_alias: 'Alice',
    password: 'hashed-password-never-copied',
    teams: ['team-a'],
    organization_id: 'org-1',
    max_budget: 50,
    spend: 3.25,
    budget_duration: '7d',
    tpm_limit: 3_000_000_000,
    rpm_limit: 100,
    metadata: { office: 'Lyon' },
    created_at: at(39),
  });
  await user({ user_id: 'u-bob', user_role: 'app_owner', user_email: 'bob@example.com', created_at: at(38) });
  await user({
    user_id: 'u-carol',
    user_role: 'app_user',
    user_email: 'alice@example.com',
    created_at: at(37),
  });
  await user({ user_id: 'u-dave', user_role: 'org_admin', created_at: at(36) });

  await insert(client, 'LiteLLM_TeamTable', {
    team_id: 'team-a',
    team_alias: 'platform',
    organization_id: 'org-1',
    admins: [],
    members: [],
    members_with_roles: [
      { role: 'admin', user_id: 'u-alice', user_email: 'alice@example.com' },
      { role: 'user', user_id: null, user_email: 'bob@example.com' },
      { role: 'user', user_id: null, user_email: 'ghost@example.com' },
    ],
    models: ['mock-gpt'],
    max_budget: 100,
    soft_budget: 80,
    spend: 4,
    tpm_limit: 200_000,
    rpm_limit: 500,
    budget_duration: '1mo',
    metadata: { slack: '#platform' },
    created_at: at(35),
  });
  await insert(client, 'LiteLLM_TeamTable', {
    team_id: 'team-b',
    team_alias: 'platform',
    admins: ['u-dave'],
    members: [],
    models: [],
    blocked: true,
    created_at: at(34),
  });
  await insert(client, 'LiteLLM_TeamMembership', {
    user_id: 'u-bob',
    team_id: 'team-a',
    budget_id: 'budget-key',
  });
  await insert(client, 'LiteLLM_TeamMembership', { user_id: 'u-gone', team_id: 'team-a' });
  await insert(client, 'LiteLLM_OrganizationMembership', {
    user_id: 'u-dave',
    organization_id: 'org-1',
    user_role: 'org_admin',
  });

  const key = (raw: string, row: Row, stored = sha256(raw)) =>
    insert(client, 'LiteLLM_VerificationToken', {
      token: stored,
      key_name: `sk-...${raw.slice(-4)}`,
      models: [],
      created_by: 'default_user_id',
      updated_by: 'default_user_id',
      ...row,
    });
  await key(KEYS.good, {
    key_alias: 'alice-key',
    user_id: 'u-alice',
    team_id: 'team-a',
    organization_id: 'org-1',
    models: ['mock-gpt'],
    aliases: { gpt: 'mock-gpt' },
    spend: 1.5,
    max_budget: 10,
    budget_id: 'budget-key',
    budget_duration: '30d',
    budget_reset_at: utc(new Date(now + 5 * DAY)),
    tpm_limit: 100_000,
    rpm_limit: 60,
    max_parallel_requests: 3,
    model_max_budget: { 'mock-gpt': { budget_limit: 2, time_period: '1d' } },
    metadata: { tags: ['prod', 'alice'], owner: 'alice' },
    expires: utc(new Date(now + 30 * DAY)),
    created_at: at(30),
  });
  // With hashing off, LiteLLM stores the key itself in "token".
  await key(KEYS.raw, { key_alias: 'raw-key', user_id: 'u-bob', created_at: at(29) }, KEYS.raw);
  await key(KEYS.expired, { key_alias: 'old-key', user_id: 'u-alice', expires: at(1), created_at: at(28) });
  await key(KEYS.blocked, {
    key_alias: 'blocked-key',
    user_id: 'u-alice',
    blocked: true,
    created_at: at(27),
  });
  await key(KEYS.orphan, { key_alias: 'orphan-key', user_id: 'u-deleted', created_at: at(26) });
  await key(KEYS.duplicate, { key_alias: 'alice-key', user_id: 'u-alice', created_at: at(25) });
  await key(KEYS.ghostTeam, { key_alias: 'ghost-team-key', team_id: 'team-deleted', created_at: at(24) });
  await key('', { key_name: null, key_alias: 'mangled', created_at: at(23) }, 'not-a-key-or-a-hash');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI, as `npm run import:litellm` runs it, in a folder without config.yaml. */
function runImporter(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [IMPORTER_MAIN, ...args], {
      env: bareEnv(env),
      cwd: mkdtempSync(join(tmpdir(), 'switchyard-import-')),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Every row of every LiteLLM table, as text: equal before and after means the source was not touched. */
async function dump(client: Client): Promise<string> {
  const parts: string[] = [];
  for (const table of LITELLM_TABLES) {
    const { rows } = await client.query<{ digest: string | null; n: number }>(
      `SELECT md5(string_agg(to_jsonb(t)::text, '|' ORDER BY to_jsonb(t)::text)) AS digest, count(*)::int AS n FROM "${table}" t`,
    );
    parts.push(`${table}:${rows[0]?.n}:${rows[0]?.digest}`);
  }
  return parts.join('\n');
}

describe('npm run import:litellm: LiteLLM identities into Switchyard', () => {
  let source: FreshDatabase;
  let target: FreshDatabase;
  let sourceClient: Client;
  let targetClient: Client;
  let gateway: GatewayProcess | undefined;
  let first: Run;
  let before: string;

  const one = async (sql: string, params: unknown[] = []) =>
    (await targetClient.query<Row>(sql, params)).rows[0] as Row;

  beforeAll(async () => {
    source = await createFreshDatabase();
    target = await createFreshDatabase();
    sourceClient = new Client({ connectionString: source.url });
    await sourceClient.connect();
    await fillLiteLlmDatabase(sourceClient);
    before = await dump(sourceClient);
    first = await runImporter(['--from', source.url], { DATABASE_URL: target.url });
    targetClient = new Client({ connectionString: target.url });
    await targetClient.connect();
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await sourceClient?.end();
    await targetClient?.end();
    await source?.drop();
    await target?.drop();
  });

  it('copies every entity and reports the counts per entity', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/budgets: +3 copied, 0 already present, 0 skipped/);
    expect(first.stdout).toMatch(/organizations: +2 copied, 0 already present, 0 skipped/);
    expect(first.stdout).toMatch(/users: +5 copied, 0 already present, 0 skipped/);
    expect(first.stdout).toMatch(/teams: +2 copied, 0 already present, 0 skipped/);
    // alice (admin), bob (by e-mail and membership row), dave (legacy admins[]); ghost and u-gone skipped
    expect(first.stdout).toMatch(/team memberships: +3 copied, 0 already present, 2 skipped/);
    // dave's membership row, alice's legacy organization_id
    expect(first.stdout).toMatch(/organization memberships: +2 copied, 0 already present, 0 skipped/);
    expect(first.stdout).toMatch(/keys: +5 copied, 0 already present, 3 skipped/);
    expect(first.stdout).toContain('Done: 22 copied, 0 already present, 5 skipped.');
  });

  it('reports each skip and each change with its reason, never a key itself', () => {
    const out = first.stdout;
    expect(out).toMatch(
      /keys: key sk-\.\.\.xorp "orphan-key" .*its user_id "u-deleted" does not exist in the LiteLLM database/,
    );
    expect(out).toMatch(
      /keys: key sk-\.\.\.xgst "ghost-team-key" .*its team_id "team-deleted" does not exist/,
    );
    expect(out).toMatch(
      /keys: key \(no key_name\) "mangled": token is neither a SHA-256 hex digest nor an sk- key/,
    );
    expect(out).toMatch(
      /team memberships: team team-a \/ ghost@example\.com: members_with_roles entry names no user/,
    );
    expect(out).toMatch(/team memberships: team team-a \/ user u-gone: its user_id "u-gone" does not exist/);
    expect(out).toMatch(
      /keys: key sk-\.\.\.rawk "raw-key" .*stored unhashed in LiteLLM: copied as its SHA-256 hash/,
    );
    expect(out).toMatch(/keys: key sk-\.\.\.xexp "old-key" .*expired on .*copied with its expiry/);
    expect(out).toMatch(
      /keys: key sk-\.\.\.xdup "alice-key" .*key_alias "alice-key" is already used by another key: copied without alias/,
    );
    expect(out).toMatch(
      /organizations: organization org-2: organization_alias "Research" is already taken: copied as "Research \(org-2\)"/,
    );
    expect(out).toMatch(/budgets: budget budget-odd: budget_duration "1 month" is not a supported duration/);
    expect(out).toMatch(
      /users: user u-bob: user_role "app_owner" does not exist here: copied as internal_user/,
    );
    expect(out).toMatch(
      /users: user u-carol: user_email "alice@example.com" already belongs to another user/,
    );
    expect(out).toMatch(/users: user u-alice: tpm_limit 3000000000 is above 2147483647/);
    expect(out).toMatch(/teams: team team-a: soft_budget 80 not copied/);
    expect(out).toMatch(/teams: team team-b: team_alias "platform" is already taken: copied without alias/);
    expect(out).toMatch(
      /team memberships: team team-a \/ user u-bob: member budget budget-key .* not copied/,
    );
    expect(out).toMatch(/existing.*never overwritten|never overwritten/);
    for (const key of Object.values(KEYS)) expect(out).not.toContain(key);
    expect(out).not.toContain('hashed-password-never-copied');
  });

  it('maps keys field by field and stores only the SHA-256 of each key', async () => {
    const good = await one('SELECT * FROM keys WHERE token = $1', [sha256(KEYS.good)]);
    expect(good).toMatchObject({
      key_name: 'sk-...wxyz',
      key_alias: 'alice-key',
      user_id: 'u-alice',
      team_id: 'team-a',
      organization_id: 'org-1',
      models: ['mock-gpt'],
      aliases: { gpt: 'mock-gpt' },
      spend: 1.5,
      max_budget: 10,
      soft_budget: 5,
      budget_duration: '30d',
      tpm_limit: 100_000,
      rpm_limit: 60,
      max_parallel_requests: 3,
      model_max_budget: { 'mock-gpt': { budget_limit: 2, time_period: '1d' } },
      blocked: false,
      metadata: { tags: ['prod', 'alice'], owner: 'alice' },
      tags: ['prod', 'alice'],
      created_by: 'default_user_id',
    });
    expect(Math.abs((good.expires as Date).getTime() - (now + 30 * DAY))).toBeLessThan(1000);
    expect(Math.abs((good.budget_reset_at as Date).getTime() - (now + 5 * DAY))).toBeLessThan(1000);

    const raw = await one('SELECT * FROM keys WHERE token = $1', [sha256(KEYS.raw)]);
    expect(raw).toMatchObject({ key_name: 'sk-...rawk', key_alias: 'raw-key', user_id: 'u-bob' });
    expect((await one('SELECT count(*)::int AS n FROM keys WHERE token = $1', [KEYS.raw])).n).toBe(0);

    const dup = await one('SELECT * FROM keys WHERE token = $1', [sha256(KEYS.duplicate)]);
    expect(dup.key_alias).toBeNull();
    expect((await one('SELECT * FROM keys WHERE token = $1', [sha256(KEYS.blocked)])).blocked).toBe(true);
    const expired = await one('SELECT * FROM keys WHERE token = $1', [sha256(KEYS.expired)]);
    expect((expired.expires as Date).getTime()).toBeLessThan(Date.now());
    expect((await one('SELECT count(*)::int AS n FROM keys')).n).toBe(5);
  });

  it('maps users, roles, teams, memberships, organisations and budgets', async () => {
    expect(await one("SELECT * FROM users WHERE user_id = 'u-alice'")).toMatchObject({
      user_email: 'alice@example.com',
      user_alias: 'Alice',
      user_role: 'internal_user',
      max_budget: 50,
      spend: 3.25,
      budget_duration: '7d',
      tpm_limit: 2_147_483_647,
      rpm_limit: 100,
      metadata: { office: 'Lyon' },
    });
    const roles = await targetClient.query<Row>(
      'SELECT user_id, user_role, user_email FROM users ORDER BY user_id',
    );
    expect(roles.rows).toEqual([
      { user_id: 'u-admin', user_role: 'proxy_admin', user_email: 'admin@example.com' },
      { user_id: 'u-alice', user_role: 'internal_user', user_email: 'alice@example.com' },
      { user_id: 'u-bob', user_role: 'internal_user', user_email: 'bob@example.com' },
      { user_id: 'u-carol', user_role: 'internal_user_viewer', user_email: null },
      { user_id: 'u-dave', user_role: 'internal_user', user_email: null },
    ]);

    expect(await one("SELECT * FROM teams WHERE team_id = 'team-a'")).toMatchObject({
      team_alias: 'platform',
      organization_id: 'org-1',
      models: ['mock-gpt'],
      max_budget: 100,
      spend: 4,
      tpm_limit: 200_000,
      rpm_limit: 500,
      budget_duration: '1mo',
      blocked: false,
      metadata: { slack: '#platform' },
    });
    expect(await one("SELECT * FROM teams WHERE team_id = 'team-b'")).toMatchObject({
      team_alias: null,
      blocked: true,
    });
    const members = await targetClient.query<Row>(
      'SELECT team_id, user_id, role FROM team_memberships ORDER BY team_id, user_id',
    );
    expect(members.rows).toEqual([
      { team_id: 'team-a', user_id: 'u-alice', role: 'admin' },
      { team_id: 'team-a', user_id: 'u-bob', role: 'user' },
      { team_id: 'team-b', user_id: 'u-dave', role: 'admin' },
    ]);
    const orgMembers = await targetClient.query<Row>(
      'SELECT organization_id, user_id, user_role FROM organization_members ORDER BY user_id',
    );
    expect(orgMembers.rows).toEqual([
      { organization_id: 'org-1', user_id: 'u-alice', user_role: 'internal_user' },
      { organization_id: 'org-1', user_id: 'u-dave', user_role: 'org_admin' },
    ]);

    expect(await one("SELECT * FROM organizations WHERE organization_id = 'org-1'")).toMatchObject({
      organization_alias: 'Research',
      budget_id: 'budget-org',
      models: ['mock-gpt'],
      spend: 12.5,
      metadata: { cost_center: 'r-1' },
    });
    expect(
      (await one("SELECT * FROM organizations WHERE organization_id = 'org-2'")).organization_alias,
    ).toBe('Research (org-2)');
    expect(await one("SELECT * FROM budgets WHERE budget_id = 'budget-org'")).toMatchObject({
      max_budget: 500,
      soft_budget: 400,
      budget_duration: '30d',
      tpm_limit: 100_000,
      rpm_limit: 1_000,
    });
    expect(await one("SELECT * FROM budgets WHERE budget_id = 'budget-odd'")).toMatchObject({
      max_budget: 7,
      budget_duration: null,
      budget_reset_at: null,
    });
  });

  it('writes one audit row per created entity, by litellm-import', async () => {
    const audit = await targetClient.query<Row>(
      "SELECT table_name, action, count(*)::int AS n FROM audit_log WHERE changed_by = 'litellm-import' GROUP BY 1, 2 ORDER BY 1, 2",
    );
    expect(audit.rows).toEqual([
      { table_name: 'budget', action: 'created', n: 3 },
      { table_name: 'key', action: 'created', n: 5 },
      { table_name: 'organization', action: 'created', n: 2 },
      { table_name: 'organization', action: 'member_added', n: 2 },
      { table_name: 'team', action: 'created', n: 2 },
      { table_name: 'team', action: 'member_added', n: 3 },
      { table_name: 'user', action: 'created', n: 5 },
    ]);
    expect((await one('SELECT count(*)::int AS n FROM audit_log')).n).toBe(22);
    const keyAudit = await targetClient.query<{ text: string }>(
      "SELECT updated_values::text AS text FROM audit_log WHERE table_name = 'key'",
    );
    for (const { text } of keyAudit.rows) expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('leaves the LiteLLM database exactly as it was', async () => {
    expect(await dump(sourceClient)).toBe(before);
  });

  it('copies nothing on a second run and reports everything as already present', async () => {
    const second = await runImporter(['--from', source.url], { DATABASE_URL: target.url });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/budgets: +0 copied, 3 already present, 0 skipped/);
    expect(second.stdout).toMatch(/users: +0 copied, 5 already present, 0 skipped/);
    expect(second.stdout).toMatch(/team memberships: +0 copied, 3 already present, 2 skipped/);
    expect(second.stdout).toMatch(/keys: +0 copied, 5 already present, 3 skipped/);
    expect(second.stdout).toContain('Done: 0 copied, 22 already present, 5 skipped.');
    expect(second.stdout).not.toContain('Copied with changes');
    expect((await one('SELECT count(*)::int AS n FROM audit_log')).n).toBe(22);
    expect(await dump(sourceClient)).toBe(before);
  });

  it('lets the original LiteLLM keys call the gateway; blocked and expired ones get 401', async () => {
    gateway = await startGateway({
      config: { model_list: [{ model_name: 'mock-gpt', litellm_params: { model: 'mock/mock-gpt' } }] },
      env: { LITELLM_MASTER_KEY: 'sk-master-import-e2e', DATABASE_URL: target.url },
    });
    const chat = (key: string) =>
      new OpenAI({ baseURL: `${gateway?.url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({
        model: 'mock-gpt',
        messages: [{ role: 'user', content: 'hi' }],
      });
    expect((await chat(KEYS.good)).choices).toHaveLength(1);
    expect((await chat(KEYS.raw)).choices).toHaveLength(1);
    await expect(chat(KEYS.blocked)).rejects.toMatchObject({ status: 401 });
    await expect(chat(KEYS.expired)).rejects.toMatchObject({ status: 401 });
    await expect(chat(KEYS.orphan)).rejects.toMatchObject({ status: 401 });
  }, 60_000);

  it('fails with a clear message when the source is unreachable', async () => {
    const run = await runImporter(['--from', 'postgresql://postgres@127.0.0.1:1/litellm'], {
      DATABASE_URL: target.url,
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Cannot reach the LiteLLM database (PostgreSQL at 127.0.0.1:1/litellm)');
    expect(run.stdout).toBe('');
  });

  it('fails with a clear message when the source is not a LiteLLM database', async () => {
    const run = await runImporter(['--from', target.url], { DATABASE_URL: target.url });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /does not look like a LiteLLM database: table\(s\) "LiteLLM_UserTable", "LiteLLM_TeamTable", "LiteLLM_VerificationToken" not found/,
    );
  });

  it('explains its usage without --from', async () => {
    const run = await runImporter([], { DATABASE_URL: target.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run import:litellm -- --from');
  });
});
