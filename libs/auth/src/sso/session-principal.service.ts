import { Injectable } from '@nestjs/common';
import { IdentityTransaction, type Principal } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

import { SessionTokens } from './session-token';
import { SsoUserRepository } from './sso-user.repository';

/** User metadata: when the user last logged out (ms); sessions issued before it are refused. */
export const LOGGED_OUT_AT = 'sso_logged_out_at';

/**
 * The management principal of an SSO session. Role and team roles are read from the database on
 * each call, so a change made since login (a removed team, a demotion) applies at once.
 */
@Injectable()
export class SessionPrincipals {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly transaction: IdentityTransaction,
    private readonly users: SsoUserRepository,
  ) {}

  get enabled(): boolean {
    return this.tokens.enabled;
  }

  async principal(token: string): Promise<Principal> {
    const { userId, issuedAtMs } = await this.tokens.verify(token);
    const client = this.transaction.client;
    const [user, memberships] = await Promise.all([
      this.users.find(client, userId),
      this.users.memberships(client, userId),
    ]);
    if (!user) {
      throw GatewayError.unauthorized(
        'Authentication Error, the user of this SSO session no longer exists: log in again via /sso/key/generate.',
      );
    }
    const loggedOutAt = user.metadata[LOGGED_OUT_AT];
    if (typeof loggedOutAt === 'number' && issuedAtMs <= loggedOutAt) {
      throw GatewayError.unauthorized(
        'Authentication Error, this SSO session was logged out: log in again via /sso/key/generate.',
      );
    }
    return {
      userId: user.id,
      role: user.role,
      isMaster: false,
      adminOfTeams: new Set(memberships.filter((m) => m.role === 'admin').map((m) => m.teamId)),
      memberOfTeams: new Set(memberships.map((m) => m.teamId)),
    };
  }

  /**
   * Logs the session's user out of every browser: sessions issued until now are refused from now on
   * (tokens are stateless, so the logout time is what revokes them). An invalid token changes nothing.
   */
  async logout(token: string): Promise<void> {
    const session = await this.tokens.verify(token).catch(() => undefined);
    if (!session) return;
    await this.transaction.run(async (tx, audit) => {
      const user = await this.users.find(tx, session.userId);
      if (!user) return;
      const metadata = { ...user.metadata, [LOGGED_OUT_AT]: Date.now() };
      await this.users.update(tx, user.id, {
        email: user.email,
        alias: user.alias,
        role: user.role,
        metadata,
      });
      await audit({
        action: 'updated',
        entityType: 'user',
        entityId: user.id,
        changedBy: user.id,
        before: { [LOGGED_OUT_AT]: user.metadata[LOGGED_OUT_AT] ?? null },
        after: { [LOGGED_OUT_AT]: metadata[LOGGED_OUT_AT] },
      });
    });
  }
}
