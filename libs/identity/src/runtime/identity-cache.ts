import { Injectable } from '@nestjs/common';
import { isDatabaseUnavailable } from '@switchyard/db';
import { GatewayError } from '@switchyard/kernel';

import { IdentityEvents, type IdentityEvent } from './identity-events';
import { IdentityLoader } from './identity-loader';
import type { KeyIdentity } from './key-identity';

// LiteLLM's user_api_key_cache_ttl: a safety net behind the pub/sub invalidation.
const TTL_MS = 60_000;
// Unknown keys are remembered briefly so a flood of bad keys does not reach the database.
const NEGATIVE_TTL_MS = 5_000;

interface Entry {
  readonly identity: KeyIdentity | null;
  readonly loadedAt: number;
}

/**
 * Key hash → identity, in-process. A miss loads from the database once (concurrent misses share
 * the load); changes published through IdentityEvents drop the affected entries on every replica.
 */
@Injectable()
export class IdentityCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<KeyIdentity | null>>();

  constructor(
    events: IdentityEvents,
    private readonly loader: IdentityLoader,
  ) {
    events.on((event) => this.invalidate(event));
  }

  /** @hotpath Resolves from memory when cached; at most one database read per key and TTL. */
  get(hash: string): KeyIdentity | null | Promise<KeyIdentity | null> {
    const entry = this.entries.get(hash);
    if (entry && Date.now() - entry.loadedAt < (entry.identity ? TTL_MS : NEGATIVE_TTL_MS))
      return entry.identity;
    return this.load(hash, entry);
  }

  private load(hash: string, stale: Entry | undefined): Promise<KeyIdentity | null> {
    let pending = this.loading.get(hash);
    if (!pending) {
      pending = this.loader
        .load(hash)
        .then((identity) => {
          this.entries.set(hash, { identity, loadedAt: Date.now() });
          return identity;
        })
        .catch((error: unknown) => {
          // Serve a stale identity while the database is down rather than refuse a known key.
          if (stale && isDatabaseUnavailable(error)) return stale.identity;
          if (isDatabaseUnavailable(error))
            throw GatewayError.unavailable('No connected db: cannot verify this key right now.');
          throw error;
        })
        .finally(() => this.loading.delete(hash));
      this.loading.set(hash, pending);
    }
    return pending;
  }

  invalidate(event: IdentityEvent): void {
    if (event.type === 'keys') {
      for (const hash of event.hashes) this.entries.delete(hash);
      return;
    }
    if (event.type === 'models' || event.type === 'budget-reset') return;
    for (const [hash, entry] of this.entries) {
      const identity = entry.identity;
      if (!identity) continue;
      const hit = event.type === 'team' ? identity.key.teamId === event.id : identity.key.userId === event.id;
      if (hit) this.entries.delete(hash);
    }
  }
}
