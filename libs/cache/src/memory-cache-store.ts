import { LRUCache } from 'lru-cache';

import type { CachedAnswer, CacheStore } from './cache-store';

/** This process's cache: bounded by entry count, least recently used out first, TTL per entry. */
export class MemoryCacheStore implements CacheStore {
  readonly type = 'local';
  private readonly entries: LRUCache<string, CachedAnswer>;

  constructor(maxEntries: number) {
    this.entries = new LRUCache({ max: Math.max(1, maxEntries) });
  }

  get(key: string): Promise<CachedAnswer | undefined> {
    return Promise.resolve(this.entries.get(key));
  }

  set(key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void> {
    this.entries.set(key, answer, { ttl: ttlSeconds * 1000 });
    return Promise.resolve();
  }

  delete(keys: readonly string[]): Promise<number> {
    return Promise.resolve(keys.filter((key) => this.entries.delete(key)).length);
  }

  flush(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }

  ping(): Promise<boolean> {
    return Promise.resolve(true);
  }
}
