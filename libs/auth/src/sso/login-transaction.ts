import { EncryptJWT, jwtDecrypt } from 'jose';

/** What the OIDC strategy stored when the login started (PKCE verifier, state, nonce). */
export type StrategySession = Record<string, unknown>;

export interface LoginTransaction {
  readonly session: StrategySession;
  /** The gateway path to land on after login. */
  readonly redirect: string;
}

export const LOGIN_TTL_SECONDS = 600;

/**
 * The pending login travels in a cookie, encrypted and authenticated (A256GCM) so the gateway
 * stays stateless across replicas and the browser can neither read nor alter the PKCE verifier.
 */
export async function sealLogin(key: Uint8Array, login: LoginTransaction): Promise<string> {
  return new EncryptJWT({ session: login.session, redirect: login.redirect })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${LOGIN_TTL_SECONDS}s`)
    .encrypt(key);
}

/** The pending login, or undefined when the cookie is missing, altered or expired. */
export async function openLogin(
  key: Uint8Array,
  sealed: string | undefined,
): Promise<LoginTransaction | undefined> {
  if (!sealed) return undefined;
  try {
    const { payload } = await jwtDecrypt(sealed, key);
    const { session, redirect } = payload as { session?: unknown; redirect?: unknown };
    if (typeof session !== 'object' || session === null || typeof redirect !== 'string') return undefined;
    return { session: session as StrategySession, redirect };
  } catch {
    return undefined;
  }
}
