import type { ConfigDocument } from './config.schema';

/** Call types the response cache serves, as the gateway names them. */
export type CacheableCallType = 'chat' | 'completion' | 'embedding';

export interface ResponseCacheSettings {
  /** `redis` (shared by every replica) or `local` (this process, LRU-bounded). */
  readonly type: 'redis' | 'local';
  readonly ttlSeconds: number;
  readonly namespace: string | undefined;
  readonly callTypes: ReadonlySet<CacheableCallType>;
  /** Whose answers a hit may return: anyone's (LiteLLM), the same team's, or the same key's. */
  readonly scope: 'global' | 'team' | 'key';
  /** `default_off`: only requests that ask with `cache: {"use-cache": true}` use the cache. */
  readonly mode: 'default_on' | 'default_off';
  /** Entries the local cache keeps before evicting the least recently used. */
  readonly maxEntries: number;
}

const DEFAULT_TTL_SECONDS = 600;
const DEFAULT_MAX_ENTRIES = 10_000;

// LiteLLM's call type names (sync and async) for the three the gateway caches.
const CALL_TYPE_NAMES: Readonly<Record<string, CacheableCallType>> = {
  completion: 'chat',
  acompletion: 'chat',
  text_completion: 'completion',
  atext_completion: 'completion',
  embedding: 'embedding',
  aembedding: 'embedding',
};

/** `litellm_settings.cache: true` with its `cache_params`; undefined when caching is off. */
export function cacheSettingsOf(
  document: ConfigDocument,
  redisConfigured: boolean,
): ResponseCacheSettings | undefined {
  const litellm = document.litellm_settings ?? {};
  if (litellm.cache !== true) return undefined;
  const params = litellm.cache_params ?? {};
  const named = (params.supported_call_types ?? Object.keys(CALL_TYPE_NAMES))
    .map((name) => CALL_TYPE_NAMES[name])
    .filter((type): type is CacheableCallType => type !== undefined);
  return {
    // The proxy's default type is redis (LiteLLM's _init_cache); without a Redis server it is local.
    type: (params.type ?? 'redis').startsWith('redis') && redisConfigured ? 'redis' : 'local',
    ttlSeconds: params.ttl ?? params.default_in_memory_ttl ?? DEFAULT_TTL_SECONDS,
    namespace: params.namespace,
    callTypes: new Set(named),
    scope: params.scope ?? 'global',
    mode: params.mode ?? 'default_on',
    maxEntries: params.max_size ?? DEFAULT_MAX_ENTRIES,
  };
}
