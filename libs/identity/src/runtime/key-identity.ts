import type { VirtualKey } from '../keys/key.types';
import type { UserRole } from '../roles';

/** Everything the request path needs to know about a virtual key, cached in-process. */
export interface KeyIdentity {
  readonly key: VirtualKey;
  /** The key's SHA-256, as the spend ledger records it. */
  readonly hash: string;
  readonly team: {
    readonly id: string;
    readonly models: readonly string[];
    readonly blocked: boolean;
  } | null;
  readonly user: { readonly id: string; readonly role: UserRole } | null;
  readonly adminOfTeams: ReadonlySet<string>;
  readonly memberOfTeams: ReadonlySet<string>;
}
