import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { IdentityCache, PROXY_ADMIN_ID, type KeyIdentity, type Principal } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

import { apiKeyFromHeaders } from './api-key-header';
import { MASTER, OPEN, type RequestPrincipal } from './request-principal';
import { sessionTokenFromHeaders } from './sso/session-credential';
import { SessionPrincipals } from './sso/session-principal.service';

const ADMIN: Principal = Object.freeze({
  userId: PROXY_ADMIN_ID,
  role: 'proxy_admin',
  isMaster: true,
  adminOfTeams: new Set<string>(),
  memberOfTeams: new Set<string>(),
});

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function refuse(identity: KeyIdentity, now: number): GatewayError | undefined {
  const { key, team } = identity;
  if (key.blocked)
    return GatewayError.unauthorized(
      "Authentication Error, Key is blocked. Update via /key/unblock if you're admin.",
    );
  if (key.expiresAt && key.expiresAt.getTime() <= now) {
    return new GatewayError(
      `Authentication Error - Expired Key. Key Expiry time ${key.expiresAt.toISOString()} and current time ${new Date(now).toISOString()}`,
      { status: 401, type: 'expired_key' },
    );
  }
  if (team?.blocked) {
    return GatewayError.unauthorized(
      `Authentication Error, Team=${team.id} is blocked. Update via /team/unblock if you're admin.`,
    );
  }
  return undefined;
}

/** Checks the caller's key: the master key (constant time) or a virtual key from the identity cache. */
@Injectable()
export class AuthService {
  private readonly masterKeyHash: Buffer | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly identities: IdentityCache,
    private readonly sessions: SessionPrincipals,
  ) {
    this.masterKeyHash = config.masterKey ? sha256(config.masterKey) : undefined;
    if (!this.masterKeyHash) {
      new Logger('Auth').warn(
        'No master key is configured (general_settings.master_key or LITELLM_MASTER_KEY): every route is open to anyone who can reach this port.',
      );
    }
  }

  /** @hotpath Throws a 401 GatewayError when a key is required and missing, unknown, blocked or expired. */
  async authenticate(headers: IncomingHttpHeaders): Promise<RequestPrincipal> {
    if (!this.masterKeyHash) return OPEN;
    const key = apiKeyFromHeaders(headers);
    if (!key) throw GatewayError.unauthorized('Authentication Error, No api key passed in.');
    const digest = sha256(key);
    // Comparing digests keeps the comparison constant-time whatever the key's length.
    if (timingSafeEqual(digest, this.masterKeyHash)) return MASTER;
    if (!key.startsWith('sk-')) {
      throw GatewayError.unauthorized(
        `Authentication Error, LiteLLM Virtual Key expected. Received=${key.slice(0, 2)}..., expected to start with 'sk-'.`,
      );
    }
    const identity = await this.identities.get(digest.toString('hex'));
    if (!identity) {
      throw GatewayError.unauthorized(
        'Authentication Error, Invalid proxy server token passed. Unable to find token in cache or `LiteLLM_VerificationTokenTable`',
      );
    }
    const refusal = refuse(identity, Date.now());
    if (refusal) throw refusal;
    return { kind: 'key', identity };
  }

  /**
   * The management principal of a request: admins for the master key, the key's user for a
   * virtual key, the session's user for an SSO session token (bearer or cookie).
   */
  async principal(headers: IncomingHttpHeaders): Promise<Principal> {
    const session = this.sessions.enabled ? sessionTokenFromHeaders(headers) : undefined;
    if (session !== undefined) return this.sessions.principal(session);
    const principal = await this.authenticate(headers);
    if (principal.kind !== 'key') return ADMIN;
    const { identity } = principal;
    return {
      userId: identity.user?.id ?? `key:${identity.key.id}`,
      role: identity.user?.role ?? 'internal_user',
      isMaster: false,
      adminOfTeams: identity.adminOfTeams,
      memberOfTeams: identity.memberOfTeams,
    };
  }
}
