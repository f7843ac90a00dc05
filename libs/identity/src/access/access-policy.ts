import { GatewayError } from '@switchyard/kernel';

import type { Principal } from './principal';

function deny(principal: Principal, what: string): GatewayError {
  return GatewayError.forbidden(
    `Only proxy admins can ${what}. Your role is = ${principal.role}`,
    'team_member_permission_error',
  );
}

/** Who may do what: one place, used by REST controllers and (later) GraphQL resolvers alike. */
export const AccessPolicy = {
  isAdmin: (p: Principal): boolean => p.role === 'proxy_admin',
  canReadAll: (p: Principal): boolean => p.role === 'proxy_admin' || p.role === 'proxy_admin_viewer',

  requireAdmin(p: Principal, what: string): void {
    if (p.role !== 'proxy_admin') throw deny(p, what);
  },

  requireReadAll(p: Principal, what: string): void {
    if (!AccessPolicy.canReadAll(p)) throw deny(p, what);
  },

  /** Writing a key owned by `userId` in `teamId`: admins, the team's admins, or its own user. */
  canWriteKey(p: Principal, key: { userId: string | null; teamId: string | null }): boolean {
    if (p.role === 'proxy_admin') return true;
    if (p.role === 'proxy_admin_viewer' || p.role === 'internal_user_viewer') return false;
    if (key.teamId && p.adminOfTeams.has(key.teamId)) return true;
    return key.userId === p.userId && (!key.teamId || p.memberOfTeams.has(key.teamId));
  },

  canReadKey(p: Principal, key: { id: string; userId: string | null; teamId: string | null }): boolean {
    if (AccessPolicy.canReadAll(p)) return true;
    // A key without a user reads itself (its principal is `key:<id>`), as LiteLLM lets any key.
    if (p.userId === `key:${key.id}`) return true;
    if (key.teamId && p.adminOfTeams.has(key.teamId)) return true;
    return key.userId === p.userId;
  },

  canManageTeamMembers(p: Principal, teamId: string): boolean {
    return p.role === 'proxy_admin' || (p.role === 'internal_user' && p.adminOfTeams.has(teamId));
  },

  canReadTeam(p: Principal, teamId: string): boolean {
    return AccessPolicy.canReadAll(p) || p.memberOfTeams.has(teamId);
  },
};
