import { Injectable } from '@nestjs/common';
import { IdentityTransaction, type Principal } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

import { SessionTokens } from './session-token';
import { SsoUserRepository } from './sso-user.repository';

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
    const userId = await this.tokens.verify(token);
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
    return {
      userId: user.id,
      role: user.role,
      isMaster: false,
      adminOfTeams: new Set(memberships.filter((m) => m.role === 'admin').map((m) => m.teamId)),
      memberOfTeams: new Set(memberships.map((m) => m.teamId)),
    };
  }
}
