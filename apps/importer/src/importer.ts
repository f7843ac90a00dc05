import { mapBudget, mapOrganization, mapTeam, mapUser } from './entity-mapping';
import type { Mapped, MembershipRecord } from './import-records';
import { ImportReport, type Section } from './import-report';
import { memberPair, type ExistingRows, type ImportRepository } from './import.repository';
import { mapKey } from './key-mapping';
import { text, timestamp, type LiteLlmRow } from './litellm-row';
import type { LiteLlmSnapshot } from './litellm-source';
import {
  organizationMembershipsOf,
  teamMembershipsOf,
  type MembershipCandidates,
} from './membership-mapping';

type Checked<T> = T | { readonly skip: string };

/**
 * Copies LiteLLM's identities into our tables in dependency order (budgets, organisations,
 * users, teams, memberships, keys). A row whose id (a key: whose hash) is already in the target
 * is left untouched and counted as present, so a second run copies nothing.
 */
export async function importLiteLlm(
  source: LiteLlmSnapshot,
  target: ImportRepository,
  now = new Date(),
): Promise<ImportReport> {
  const report = new ImportReport();
  report.absentTables = source.absentTables;
  const existing = await target.existing();
  const copy = copier(report);
  const inSource = {
    user: idsOf(source.users, 'user_id'),
    team: idsOf(source.teams, 'team_id'),
    organization: idsOf(source.organizations, 'organization_id'),
  };
  const missing = (kind: keyof typeof inSource, id: string) =>
    inSource[kind].has(id)
      ? `its ${kind} ${id} was not copied (see ${kind === 'user' ? 'users' : `${kind}s`})`
      : `its ${kind}_id "${id}" does not exist in the LiteLLM database (deleted ${kind}?)`;

  for (const row of byAge(source.budgets, 'budget_id')) {
    const id = text(row, 'budget_id');
    if (id !== null && existing.budgetIds.has(id)) report.present('budgets');
    else
      await copy(
        'budgets',
        `budget ${id}`,
        mapBudget(row),
        (budget) => budget,
        async (budget) => {
          await target.createBudget(budget);
          existing.budgetIds.add(budget.id);
        },
      );
  }

  for (const row of byAge(source.organizations, 'organization_id')) {
    const id = text(row, 'organization_id');
    if (id !== null && existing.organizationIds.has(id)) report.present('organizations');
    else
      await copy(
        'organizations',
        `organization ${id}`,
        mapOrganization(row),
        (org, notes) => {
          let { alias, budgetId } = org;
          if (budgetId !== null && !existing.budgetIds.has(budgetId)) {
            notes.push(`its budget ${budgetId} was not copied: copied without budget`);
            budgetId = null;
          }
          if (existing.organizationAliases.has(alias)) {
            const renamed = `${alias} (${org.id})`;
            notes.push(`organization_alias "${alias}" is already taken: copied as "${renamed}"`);
            alias = renamed;
          }
          return { ...org, alias, budgetId };
        },
        async (org) => {
          await target.createOrganization(org);
          existing.organizationIds.add(org.id);
          existing.organizationAliases.add(org.alias);
        },
      );
  }

  for (const row of byAge(source.users, 'user_id')) {
    const id = text(row, 'user_id');
    if (id !== null && existing.userIds.has(id)) report.present('users');
    else
      await copy(
        'users',
        `user ${id}`,
        mapUser(row),
        (user, notes) => {
          if (user.email === null || !existing.userEmails.has(user.email)) return user;
          notes.push(`user_email "${user.email}" already belongs to another user: copied without e-mail`);
          return { ...user, email: null };
        },
        async (user) => {
          await target.createUser(user);
          existing.userIds.add(user.id);
          if (user.email !== null) existing.userEmails.add(user.email);
        },
      );
  }

  for (const row of byAge(source.teams, 'team_id')) {
    const id = text(row, 'team_id');
    if (id !== null && existing.teamIds.has(id)) report.present('teams');
    else
      await copy(
        'teams',
        `team ${id}`,
        mapTeam(row),
        (team, notes) => {
          if (team.organizationId !== null && !existing.organizationIds.has(team.organizationId)) {
            return { skip: missing('organization', team.organizationId) };
          }
          if (team.alias === null || !existing.teamAliases.has(team.alias)) return team;
          notes.push(`team_alias "${team.alias}" is already taken: copied without alias`);
          return { ...team, alias: null };
        },
        async (team) => {
          await target.createTeam(team);
          existing.teamIds.add(team.id);
          if (team.alias !== null) existing.teamAliases.add(team.alias);
        },
      );
  }

  const members = async (
    section: Section,
    candidates: MembershipCandidates,
    kind: 'team' | 'organization',
    groups: Set<string>,
    pairs: Set<string>,
    add: (member: MembershipRecord) => Promise<void>,
  ) => {
    for (const { subject, reason } of candidates.unresolved) report.skipped(section, subject, reason);
    for (const { value, notes } of candidates.members) {
      const pair = memberPair(value.groupId, value.userId);
      if (pairs.has(pair)) {
        report.present(section);
        continue;
      }
      await copy(
        section,
        `${kind} ${value.groupId} / user ${value.userId}`,
        { value, notes },
        (member) => {
          if (!groups.has(member.groupId)) return { skip: missing(kind, member.groupId) };
          if (!existing.userIds.has(member.userId)) return { skip: missing('user', member.userId) };
          return member;
        },
        async (member) => {
          await add(member);
          pairs.add(pair);
        },
      );
    }
  };
  await members(
    'team memberships',
    teamMembershipsOf(source.teams, source.teamMemberships, source.users),
    'team',
    existing.teamIds,
    existing.teamMembers,
    (member) => target.addTeamMember(member),
  );
  await members(
    'organization memberships',
    organizationMembershipsOf(source.organizationMemberships, source.users),
    'organization',
    existing.organizationIds,
    existing.organizationMembers,
    (member) => target.addOrganizationMember(member),
  );

  const budgets = new Map(source.budgets.map((row) => [text(row, 'budget_id'), row]));
  for (const row of byAge(source.keys, 'token')) {
    const budgetId = text(row, 'budget_id');
    const mapped = mapKey(row, budgetId === null ? undefined : budgets.get(budgetId), now);
    if ('value' in mapped && existing.keyHashes.has(mapped.value.hash)) {
      report.present('keys');
      continue;
    }
    await copy(
      'keys',
      describeKey(row, mapped),
      mapped,
      (key, notes) => keyChecks(key, notes, existing, missing),
      async (key) => {
        await target.createKey(key);
        existing.keyHashes.add(key.hash);
        if (key.keyAlias !== null) existing.keyAliases.add(key.keyAlias);
      },
    );
  }
  return report;
}

function keyChecks<
  T extends {
    userId: string | null;
    teamId: string | null;
    organizationId: string | null;
    keyAlias: string | null;
  },
>(
  key: T,
  notes: string[],
  existing: ExistingRows,
  missing: (kind: 'user' | 'team' | 'organization', id: string) => string,
): Checked<T> {
  // Copying a key without its owner would drop the owner's limits and model list: refuse instead.
  if (key.userId !== null && !existing.userIds.has(key.userId)) return { skip: missing('user', key.userId) };
  if (key.teamId !== null && !existing.teamIds.has(key.teamId)) return { skip: missing('team', key.teamId) };
  if (key.organizationId !== null && !existing.organizationIds.has(key.organizationId)) {
    return { skip: missing('organization', key.organizationId) };
  }
  if (key.keyAlias === null || !existing.keyAliases.has(key.keyAlias)) return key;
  // The key keeps working; only its display name is lost.
  notes.push(`key_alias "${key.keyAlias}" is already used by another key: copied without alias`);
  return { ...key, keyAlias: null };
}

function describeKey(row: LiteLlmRow, mapped: Mapped<{ keyName: string; hash: string }>): string {
  const alias = text(row, 'key_alias');
  const named = alias === null ? '' : ` "${alias}"`;
  // Never the token itself: it may be an unhashed key.
  return 'value' in mapped
    ? `key ${mapped.value.keyName}${named} (hash ${mapped.value.hash.slice(0, 12)}…)`
    : `key ${text(row, 'key_name') ?? '(no key_name)'}${named}`;
}

function copier(report: ImportReport) {
  return async <T>(
    section: Section,
    subject: string,
    mapped: Mapped<T>,
    check: (value: T, notes: string[]) => Checked<T>,
    write: (value: T) => Promise<void>,
  ): Promise<void> => {
    if ('skip' in mapped) return report.skipped(section, subject, mapped.skip);
    const notes = [...mapped.notes];
    const checked = check(mapped.value, notes);
    if (typeof checked === 'object' && checked !== null && 'skip' in checked) {
      return report.skipped(section, subject, (checked as { skip: string }).skip);
    }
    await write(checked as T);
    report.copied(section, subject, notes);
  };
}

function idsOf(rows: readonly LiteLlmRow[], column: string): Set<string> {
  return new Set(rows.map((row) => text(row, column)).filter((id): id is string => id !== null));
}

/** Oldest first (then by id): when two rows want the same alias, the older one keeps it, every run. */
function byAge(rows: readonly LiteLlmRow[], idColumn: string): LiteLlmRow[] {
  const at = (row: LiteLlmRow) => timestamp(row, 'created_at')?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort(
    (a, b) => at(a) - at(b) || (text(a, idColumn) ?? '').localeCompare(text(b, idColumn) ?? ''),
  );
}
