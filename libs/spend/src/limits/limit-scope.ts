/** One entity whose budget and rate limits a request counts against. */
export interface LimitScope {
  /** Stable Redis-safe id, e.g. `key:<hash>`, `team:<id>`, `deployment:<id>`. */
  readonly id: string;
  /** How refusals name it: `Key=alias`, `Team=id`... */
  readonly kind: 'key' | 'user' | 'team' | 'organization' | 'end_user' | 'key_model' | 'deployment';
  readonly label: string;
  readonly maxBudget: number | null;
  /** Spend already recorded in the database when the identity was loaded (the counter's seed). */
  readonly baseSpend: number;
  readonly rpm: number | null;
  readonly tpm: number | null;
  readonly parallel: number | null;
}

export type LimitKind = 'budget' | 'requests' | 'tokens' | 'max_parallel_requests';

export type Admission =
  | { readonly ok: true; readonly remaining: readonly ScopeRemaining[] }
  | {
      readonly ok: false;
      readonly scope: number;
      readonly kind: LimitKind;
      readonly used: number;
      readonly resetSeconds: number;
    };

export interface ScopeRemaining {
  readonly requests: number | null;
  readonly tokens: number | null;
  /** The budget spent so far (all replicas), for scopes with a budget. */
  readonly spent: number | null;
}

/** Counters behind the limits: Redis (shared by every replica) or memory (one process). */
export interface LimitStore {
  /** Checks every scope and, when all pass, reserves `estimate` and one request slot in each. */
  admit(scopes: readonly LimitScope[], estimate: number, minute: number): Promise<Admission>;
  /** After the response: the real cost and tokens replace the reservation. */
  settle(scopes: readonly LimitScope[], estimate: number, cost: number, tokens: number, minute: number): void;
  /** A new budget period: the spend counters of these scope ids start again from 0. */
  resetSpent(scopeIds: readonly string[]): Promise<void>;
}

export const WINDOW_SECONDS = 60;
// Spend counters live this long without traffic; they are re-seeded from the database after.
export const COUNTER_TTL_SECONDS = 24 * 3600;
