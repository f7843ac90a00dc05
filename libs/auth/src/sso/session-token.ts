import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';
import { errors, jwtVerify, SignJWT } from 'jose';

import { deriveKey } from './signing-keys';

const SESSION_ISSUER = 'switchyard-session';

/** A verified session: whose it is and when it was issued (ms, to compare with a logout). */
export interface Session {
  readonly userId: string;
  readonly issuedAtMs: number;
}
const LOGIN_AGAIN = 'log in again via /sso/key/generate';

/** A signed JWT saying "this browser is user <sub>" until it expires; HS256 under a master-key-derived key. */
@Injectable()
export class SessionTokens {
  private readonly key: Uint8Array | undefined;
  readonly ttlSeconds: number;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.key = config.sso && config.masterKey ? deriveKey(config.masterKey, 'switchyard-session') : undefined;
    this.ttlSeconds = config.sso?.sessionTtlSeconds ?? 0;
  }

  /** Whether SSO is on, so session tokens can be issued and accepted. */
  get enabled(): boolean {
    return this.key !== undefined;
  }

  async issue(userId: string): Promise<string> {
    // `iat` has whole seconds: a login right after a logout must not look older than the logout.
    return new SignJWT({ iat_ms: Date.now() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_ISSUER)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.requireKey());
  }

  /** The session; a 401 GatewayError for an expired, altered or foreign token. */
  async verify(token: string): Promise<Session> {
    try {
      const { payload } = await jwtVerify(token, this.requireKey(), {
        issuer: SESSION_ISSUER,
        audience: SESSION_ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
      });
      const issuedAtMs =
        typeof payload['iat_ms'] === 'number' ? payload['iat_ms'] : (payload.iat ?? 0) * 1000;
      return { userId: payload.sub as string, issuedAtMs };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw GatewayError.unauthorized(`Authentication Error, SSO session expired, ${LOGIN_AGAIN}.`);
      }
      throw GatewayError.unauthorized(`Authentication Error, invalid SSO session token, ${LOGIN_AGAIN}.`);
    }
  }

  private requireKey(): Uint8Array {
    if (!this.key) throw GatewayError.unauthorized('Authentication Error, SSO is not configured.');
    return this.key;
  }
}
