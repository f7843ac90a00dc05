import { AccessPolicy, type Principal } from '@switchyard/identity';

/**
 * Whose spend a caller may read: admins and admin viewers everyone's; anyone else their own
 * requests and those of the teams they administer.
 */
export type SpendScope =
  | { readonly all: true }
  | { readonly all: false; readonly userId: string; readonly teamIds: readonly string[] };

export function spendScopeOf(principal: Principal): SpendScope {
  return AccessPolicy.canReadAll(principal)
    ? { all: true }
    : { all: false, userId: principal.userId, teamIds: [...principal.adminOfTeams] };
}
