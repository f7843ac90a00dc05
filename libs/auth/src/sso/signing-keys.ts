import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'switchyard-session' | 'switchyard-sso-login';

/** A 256-bit key for one purpose, derived from the master key so rotating it ends every session. */
export function deriveKey(masterKey: string, purpose: KeyPurpose): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', masterKey, 'switchyard-sso', purpose, 32));
}
