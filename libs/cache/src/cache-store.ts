/** A cached answer: the OpenAI-shaped JSON body and when it was stored. */
export interface CachedAnswer {
  readonly storedAt: number;
  readonly body: Record<string, unknown>;
}

/** Where answers are kept: this process (LRU) or Redis. Errors propagate; the caller fails open. */
export interface CacheStore {
  readonly type: 'local' | 'redis';
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<number>;
  flush(): Promise<void>;
  ping(): Promise<boolean>;
}
