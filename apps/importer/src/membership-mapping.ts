import type { MembershipRecord } from './import-records';
import { text, texts, type LiteLlmRow } from './litellm-row';

export interface MembershipCandidates {
  readonly members: Array<{ value: MembershipRecord; notes: string[] }>;
  /** Entries that name no user this import knows of. */
  readonly unresolved: Array<{ subject: string; reason: string }>;
}

class Members {
  private readonly byPair = new Map<string, { value: MembershipRecord; notes: string[] }>();

  /** `admin` wins over `user` when a member is listed in several places. */
  add(groupId: string, userId: string, role: string, override: (old: string) => boolean): void {
    const pair = `${groupId}\u0000${userId}`;
    const old = this.byPair.get(pair);
    if (old === undefined) this.byPair.set(pair, { value: { groupId, userId, role }, notes: [] });
    else if (override(old.value.role)) old.value = { groupId, userId, role };
  }

  note(groupId: string, userId: string, note: string): void {
    this.byPair.get(`${groupId}\u0000${userId}`)?.notes.push(note);
  }

  list(): Array<{ value: MembershipRecord; notes: string[] }> {
    return [...this.byPair.values()].sort(
      (a, b) =>
        a.value.groupId.localeCompare(b.value.groupId) || a.value.userId.localeCompare(b.value.userId),
    );
  }
}

/**
 * Team members from every place LiteLLM keeps them: `members_with_roles` (the roles), the legacy
 * `admins`/`members` arrays, `LiteLLM_TeamMembership` rows and the users' `teams` arrays.
 */
export function teamMembershipsOf(
  teams: readonly LiteLlmRow[],
  memberships: readonly LiteLlmRow[],
  users: readonly LiteLlmRow[],
): MembershipCandidates {
  const userByEmail = new Map<string, string>();
  for (const user of users) {
    const id = text(user, 'user_id');
    const email = text(user, 'user_email');
    if (id !== null && email !== null) userByEmail.set(email.toLowerCase(), id);
  }
  const members = new Members();
  const unresolved: MembershipCandidates['unresolved'] = [];
  const add = (teamId: string, userId: string, role: 'admin' | 'user') =>
    members.add(teamId, userId, role, (old) => role === 'admin' && old !== 'admin');

  for (const team of teams) {
    const teamId = text(team, 'team_id');
    if (teamId === null) continue;
    const listed = Array.isArray(team['members_with_roles']) ? (team['members_with_roles'] as unknown[]) : [];
    for (const entry of listed) {
      if (entry === null || typeof entry !== 'object') continue;
      const member = entry as LiteLlmRow;
      const email = text(member, 'user_email');
      const userId = text(member, 'user_id') ?? (email ? userByEmail.get(email.toLowerCase()) : undefined);
      if (userId === undefined) {
        unresolved.push({
          subject: `team ${teamId} / ${email ?? '(no user_id, no e-mail)'}`,
          reason: 'members_with_roles entry names no user of the LiteLLM database',
        });
        continue;
      }
      add(teamId, userId, text(member, 'role') === 'admin' ? 'admin' : 'user');
    }
    for (const userId of texts(team, 'admins')) add(teamId, userId, 'admin');
    for (const userId of texts(team, 'members')) add(teamId, userId, 'user');
  }
  for (const row of memberships) {
    const teamId = text(row, 'team_id');
    const userId = text(row, 'user_id');
    if (teamId === null || userId === null) continue;
    add(teamId, userId, 'user');
    const budgetId = text(row, 'budget_id');
    if (budgetId !== null) {
      members.note(
        teamId,
        userId,
        `member budget ${budgetId} (max_budget_in_team) not copied: no per-member budgets here`,
      );
    }
  }
  for (const user of users) {
    const userId = text(user, 'user_id');
    if (userId === null) continue;
    for (const teamId of texts(user, 'teams')) add(teamId, userId, 'user');
  }
  return { members: members.list(), unresolved };
}

/** `LiteLLM_OrganizationMembership` rows (with their role), then users' legacy `organization_id`. */
export function organizationMembershipsOf(
  memberships: readonly LiteLlmRow[],
  users: readonly LiteLlmRow[],
): MembershipCandidates {
  const members = new Members();
  const keep = () => false;
  for (const row of memberships) {
    const organizationId = text(row, 'organization_id');
    const userId = text(row, 'user_id');
    if (organizationId === null || userId === null) continue;
    members.add(organizationId, userId, text(row, 'user_role') ?? 'internal_user', keep);
  }
  for (const user of users) {
    const userId = text(user, 'user_id');
    const organizationId = text(user, 'organization_id');
    if (userId !== null && organizationId !== null)
      members.add(organizationId, userId, 'internal_user', keep);
  }
  return { members: members.list(), unresolved: [] };
}
