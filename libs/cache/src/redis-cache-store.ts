import type { Redis } from 'ioredis';

import type { CachedAnswer, CacheStore } from './cache-store';

/** The shared cache: one Redis string per answer under the gateway's prefix, expiring by TTL. */
export class RedisCacheStore implements CacheStore {
  readonly type = 'redis';

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<CachedAnswer | undefined> {
    const text = await this.redis.get(this.prefix + key);
    return text === null ? undefined : (JSON.parse(text) as CachedAnswer);
  }

  async set(key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(answer), 'PX', Math.round(ttlSeconds * 1000));
  }

  async delete(keys: readonly string[]): Promise<number> {
    return keys.length === 0 ? 0 : this.redis.del(...keys.map((key) => this.prefix + key));
  }

  /** Removes this gateway's entries only: never Redis's FLUSHALL, which would take queues with it. */
  async flush(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await this.redis.del(...keys);
    } while (cursor !== '0');
  }

  async ping(): Promise<boolean> {
    return (await this.redis.ping()) === 'PONG';
  }
}
