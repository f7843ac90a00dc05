import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the first attempt answered; `body` is the JSON text, or the whole SSE text of a stream. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * - `claimed`: this request runs upstream, then calls `complete` (or `release` on failure, so a retry
 *   can run). Both are no-ops once the claim was lost (lock expired and taken over) or settled, so
 *   `release` in a `finally` after `complete` is safe.
 * - `replay`: the first attempt finished within the window; answer with its result.
 * - `mismatch`: same key, different request body: the client reused a key (422).
 * - `busy`: the same request is still in flight after `waitMs` (409; the client may retry later).
 */
export type IdempotencyClaim =
  | { kind: 'claimed'; release(): Promise<void>; complete(answer: StoredAnswer): Promise<void> }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'busy' };

export interface IdempotencyStore {
  /**
   * Claims `key` in `scope` (the caller's API-key hash or 'master'), or returns the finished answer,
   * waiting (polling) while another request holds it, up to `waitMs`; a claim whose holder died
   * expires after `lockMs` and can be taken over.
   */
  begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim>;
}

export interface IdempotencySettings {
  /** How long a finished answer is replayed. */
  windowMs: number;
  /** How long a claim lives without `complete`: longer than the slowest request, or a retry runs twice. */
  lockMs: number;
  /** How long a retry waits for the request in flight before `busy`. */
  waitMs: number;
  pollMs: number;
}

export type IdempotencyRecord =
  | { state: 'pending'; fingerprint: string; token: string }
  | { state: 'done'; fingerprint: string; answer: StoredAnswer };

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
};

/** The same request whatever its key order: SHA-256 over the path and the body's JSON with sorted keys. */
export function requestFingerprint(body: Record<string, unknown>, path: string): string {
  return sha256(`${path}\n${JSON.stringify(canonical(body))}`);
}

/** The record's name: the scope is an API-key hash, hashed again so no store holds anything key-like. */
export const recordId = (scope: string, key: string): string => sha256(`${scope}\n${key}`);

/**
 * The polling loop both stores share. `attempt` takes the key atomically and returns null, or returns
 * the record that holds it; an expired record is gone, so the next attempt takes it over.
 */
export async function claimOrWait(
  fingerprint: string,
  settings: Pick<IdempotencySettings, 'waitMs' | 'pollMs'>,
  attempt: () => Promise<IdempotencyRecord | null>,
  claim: Extract<IdempotencyClaim, { kind: 'claimed' }>,
): Promise<IdempotencyClaim> {
  const deadline = Date.now() + settings.waitMs;
  for (;;) {
    const held = await attempt();
    if (held === null) return claim;
    if (held.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (held.state === 'done') return { kind: 'replay', answer: held.answer };
    const left = deadline - Date.now();
    if (left <= 0) return { kind: 'busy' };
    await sleep(Math.min(settings.pollMs, left));
  }
}
