import type { SsoSettings } from '@switchyard/config';
import type { TeamRole } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

/** What a login tells about the user, read from the ID token (and userinfo) claims. */
export interface LoginClaims {
  readonly sub: string;
  readonly email: string | undefined;
  /** False only when the provider says the e-mail is unverified. */
  readonly emailVerified: boolean;
  readonly name: string | undefined;
  readonly groups: readonly string[];
}

export interface AccessDecision {
  readonly admin: boolean;
  /** Team reference (team_id or alias) → role; admin wins when two groups name one team. */
  readonly teams: ReadonlyMap<string, TeamRole>;
  /** Some group or e-mail of the user is named by the mapping settings. */
  readonly mapped: boolean;
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  // `realm_access.roles` (Keycloak) and other nested claims.
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export function loginClaimsOf(claims: Record<string, unknown>, groupsClaim: string): LoginClaims {
  const sub = text(claims['sub']);
  if (!sub) throw GatewayError.badRequest('SSO login refused: the ID token has no "sub" claim.');
  const groups = claimAt(claims, groupsClaim);
  const list = Array.isArray(groups) ? groups : groups === undefined ? [] : [groups];
  return {
    sub,
    email: text(claims['email'])?.toLowerCase(),
    emailVerified: claims['email_verified'] !== false,
    name: text(claims['name']) ?? text(claims['preferred_username']),
    groups: list.filter((g): g is string => typeof g === 'string' && g !== ''),
  };
}

export function decideAccess(claims: LoginClaims, settings: SsoSettings): AccessDecision {
  const groups = new Set(claims.groups);
  const admin =
    claims.groups.some((group) => settings.adminGroups.includes(group)) ||
    (claims.email !== undefined && claims.emailVerified && settings.adminEmails.includes(claims.email));
  const teams = new Map<string, TeamRole>();
  for (const mapping of settings.teamMappings) {
    if (!groups.has(mapping.group)) continue;
    if (teams.get(mapping.team) !== 'admin') teams.set(mapping.team, mapping.role);
  }
  return { admin, teams, mapped: admin || teams.size > 0 };
}
