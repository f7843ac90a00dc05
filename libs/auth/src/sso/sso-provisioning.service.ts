import { Injectable, Logger } from '@nestjs/common';
import type { SsoSettings } from '@switchyard/config';
import { IdentityEvents, IdentityTransaction, type TeamRole, type UserRole } from '@switchyard/identity';
import { isUniqueViolation, type Prisma } from '@switchyard/db';
import { GatewayError } from '@switchyard/kernel';

import { decideAccess, loginClaimsOf, type AccessDecision, type LoginClaims } from './login-claims';
import { SsoUserRepository, type SsoUser } from './sso-user.repository';

type Tx = Prisma.TransactionClient;
type Audit = Parameters<Parameters<IdentityTransaction['run']>[0]>[1];

/** Set on users whose proxy_admin role came from the SSO admin lists, so SSO may take it back. */
const SSO_ADMIN = 'sso_admin';

/**
 * Creates the user of a first login from the claims and, on every login, brings the role and the
 * memberships of mapped teams in line with the groups claim. Teams no mapping names keep their
 * members (admins may add SSO users by hand); missing teams are logged, never created.
 */
@Injectable()
export class SsoProvisioning {
  private readonly logger = new Logger('Sso');

  constructor(
    private readonly events: IdentityEvents,
    private readonly transaction: IdentityTransaction,
    private readonly users: SsoUserRepository,
  ) {}

  /** The id of the logged-in user. */
  async provision(rawClaims: Record<string, unknown>, settings: SsoSettings): Promise<string> {
    const claims = loginClaimsOf(rawClaims, settings.groupsClaim);
    const decision = decideAccess(claims, settings);
    if (settings.onlyMappedUsers && !decision.mapped) {
      throw GatewayError.forbidden(
        `SSO login refused: your groups (${claims.groups.join(', ') || 'none'}) map to no team and only mapped users may log in (general_settings.sso.only_mapped_users); ask an admin to map one of your groups.`,
      );
    }
    const provision = () =>
      this.transaction.run(async (tx, audit) => {
        const user = await this.upsertUser(tx, audit, claims, decision);
        const membershipsChanged = await this.syncMemberships(tx, audit, user.id, decision, settings);
        return { userId: user.id, changed: user.changed || membershipsChanged };
      });
    // Two first logins of one user at once: the loser of the insert race finds the user the second time.
    const { userId, changed } = await provision().catch((error: unknown) => {
      if (isUniqueViolation(error)) return provision();
      throw error;
    });
    if (changed) this.events.publish({ type: 'user', id: userId });
    this.logger.debug(`SSO login of user ${userId}${changed ? ' (user or memberships updated)' : ''}`);
    return userId;
  }

  private async upsertUser(
    tx: Tx,
    audit: Audit,
    claims: LoginClaims,
    decision: AccessDecision,
  ): Promise<{ id: string; changed: boolean }> {
    const emailOwner = claims.email ? await this.users.findByEmail(tx, claims.email) : undefined;
    // LiteLLM lets an invited user (created by an admin with their e-mail) log in as themselves.
    const before =
      (await this.users.find(tx, claims.sub)) ??
      (emailOwner && claims.emailVerified ? emailOwner : undefined);
    const emailTaken = emailOwner !== undefined && emailOwner.id !== before?.id;
    if (emailTaken) {
      this.logger.warn(`SSO user ${claims.sub}: e-mail already belongs to user ${emailOwner.id}, not copied`);
    }
    const fields = {
      email: emailTaken ? (before?.email ?? null) : (claims.email ?? before?.email ?? null),
      alias: claims.name ?? before?.alias ?? null,
      role: roleOf(before, decision.admin),
      metadata: { ...before?.metadata, [SSO_ADMIN]: decision.admin },
    };
    const changedBy = before?.id ?? claims.sub;
    if (!before) {
      const after = await this.users.create(tx, claims.sub, fields);
      await audit({ action: 'created', entityType: 'user', entityId: after.id, changedBy, after });
      return { id: after.id, changed: true };
    }
    if (sameUser(before, fields)) return { id: before.id, changed: false };
    const after = await this.users.update(tx, before.id, fields);
    await audit({ action: 'updated', entityType: 'user', entityId: after.id, changedBy, before, after });
    return { id: after.id, changed: true };
  }

  private async syncMemberships(
    tx: Tx,
    audit: Audit,
    userId: string,
    decision: AccessDecision,
    settings: SsoSettings,
  ): Promise<boolean> {
    const wanted = new Map<string, TeamRole>();
    const managed = new Set<string>();
    for (const ref of new Set(settings.teamMappings.map((m) => m.team))) {
      const teamId = await this.users.teamId(tx, ref);
      const role = decision.teams.get(ref);
      if (!teamId) {
        if (role)
          this.logger.warn(`SSO user ${userId}: mapped team "${ref}" does not exist; create it first`);
        continue;
      }
      managed.add(teamId);
      if (role && wanted.get(teamId) !== 'admin') wanted.set(teamId, role);
    }
    const current = new Map((await this.users.memberships(tx, userId)).map((m) => [m.teamId, m.role]));
    let changed = false;
    for (const teamId of managed) {
      const before = current.get(teamId);
      const after = wanted.get(teamId);
      if (before === after) continue;
      const entry = { entityType: 'team', entityId: teamId, changedBy: userId } as const;
      if (after) {
        await this.users.upsertMembership(tx, teamId, userId, after);
        await audit({
          ...entry,
          action: 'member_added',
          before: before ? [{ userId, role: before }] : [],
          after: [{ userId, role: after }],
        });
      } else {
        await this.users.deleteMembership(tx, teamId, userId);
        await audit({ ...entry, action: 'member_deleted', before: [{ userId, role: before }], after: [] });
      }
      changed = true;
    }
    return changed;
  }
}

function roleOf(before: SsoUser | undefined, admin: boolean): UserRole {
  if (admin) return 'proxy_admin';
  if (!before) return 'internal_user';
  return before.role === 'proxy_admin' && before.metadata[SSO_ADMIN] === true ? 'internal_user' : before.role;
}

function sameUser(
  user: SsoUser,
  fields: { email: string | null; alias: string | null; role: UserRole; metadata: Record<string, unknown> },
): boolean {
  return (
    user.email === fields.email &&
    user.alias === fields.alias &&
    user.role === fields.role &&
    JSON.stringify(user.metadata) === JSON.stringify(fields.metadata)
  );
}
