import { randomUUID } from 'node:crypto';

import {
  claimOrWait,
  recordId,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IdempotencySettings,
  type IdempotencyStore,
} from './idempotency-store';

interface Entry {
  record: IdempotencyRecord;
  expiresAt: number;
}

/** The same rules as the Redis store, in this process only (a gateway without Redis). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: IdempotencySettings,
    private readonly maxEntries = 10_000,
  ) {}

  begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const id = recordId(scope, key);
    const token = randomUUID();
    const holds = (): boolean => {
      const record = this.read(id);
      return record?.state === 'pending' && record.token === token;
    };
    const attempt = (): Promise<IdempotencyRecord | null> => {
      const held = this.read(id);
      if (held) return Promise.resolve(held);
      this.put(id, { state: 'pending', fingerprint, token }, this.settings.lockMs);
      return Promise.resolve(null);
    };
    return claimOrWait(fingerprint, this.settings, attempt, {
      kind: 'claimed',
      complete: (answer) => {
        if (holds()) this.put(id, { state: 'done', fingerprint, answer }, this.settings.windowMs);
        return Promise.resolve();
      },
      release: () => {
        if (holds()) this.entries.delete(id);
        return Promise.resolve();
      },
    });
  }

  private read(id: string): IdempotencyRecord | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.expiresAt > Date.now()) return entry?.record;
    this.entries.delete(id);
    return undefined;
  }

  // Re-inserting moves the key to the end, so the Map's order is oldest write first.
  private put(id: string, record: IdempotencyRecord, ttlMs: number): void {
    this.entries.delete(id);
    this.entries.set(id, { record, expiresAt: Date.now() + ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}
