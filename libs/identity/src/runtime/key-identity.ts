import type { VirtualKey } from '../keys/key.types';
import type { UserRole } from '../roles';

/** Budget and rate limits of an entity, as the request path enforces them. */
export interface EntityLimits {
  readonly maxBudget: number | null;
  readonly spend: number;
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
  readonly maxParallelRequests: number | null;
}

/** Everything the request path needs to know about a virtual key, cached in-process. */
export interface KeyIdentity {
  readonly key: VirtualKey;
  /** The key's SHA-256, as the spend ledger records it. */
  readonly hash: string;
  readonly team:
    | ({ readonly id: string; readonly models: readonly string[]; readonly blocked: boolean } & EntityLimits)
    | null;
  readonly user: ({ readonly id: string; readonly role: UserRole } & EntityLimits) | null;
  readonly organization: ({ readonly id: string } & EntityLimits) | null;
  readonly adminOfTeams: ReadonlySet<string>;
  readonly memberOfTeams: ReadonlySet<string>;
}
