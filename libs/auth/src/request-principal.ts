import type { KeyIdentity } from '@switchyard/identity';

/** Who made a proxied request: the master key, anyone (no master key configured), or a virtual key. */
export type RequestPrincipal =
  | { readonly kind: 'master' }
  | { readonly kind: 'open' }
  | { readonly kind: 'key'; readonly identity: KeyIdentity };

export const MASTER: RequestPrincipal = Object.freeze({ kind: 'master' });
export const OPEN: RequestPrincipal = Object.freeze({ kind: 'open' });
