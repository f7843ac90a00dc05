import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { RequestPrincipal } from '@switchyard/auth';
import {
  GATEWAY_CONFIG,
  type CacheableCallType,
  type GatewayConfig,
  type ResponseCacheSettings,
} from '@switchyard/config';
import { GatewayMetrics, type CacheRequester } from '@switchyard/metrics';
import { createFailFastRedis } from '@switchyard/queue';
import type { Redis } from 'ioredis';

import { cacheControlsOf, type CacheControls } from './cache-controls';
import { responseCacheKey } from './cache-key';
import type { CachedAnswer, CacheStore } from './cache-store';
import { MemoryCacheStore } from './memory-cache-store';
import { RedisCacheStore } from './redis-cache-store';

type Json = Record<string, unknown>;

/** One request's cache key and controls. */
export interface CachePlan {
  readonly key: string;
  readonly modelGroup: string;
  readonly callType: CacheableCallType;
  readonly controls: CacheControls;
}

const WARN_INTERVAL_MS = 60_000;

/** An answer worth keeping: complete, and not a content filter's refusal. */
function cacheable(body: Json): boolean {
  if (Array.isArray(body.data)) return true;
  const choices = body.choices;
  return (
    Array.isArray(choices) &&
    choices.length > 0 &&
    choices.every(
      (choice: Json) =>
        choice.finish_reason !== 'content_filter' &&
        choice.finish_reason !== null &&
        choice.finish_reason !== undefined,
    )
  );
}

/**
 * The response cache (`litellm_settings.cache`): chat, text completions and embeddings, keyed by
 * model group and the answer-changing fields, in Redis or in this process. Any store failure
 * leaves the request uncached, never failed.
 */
@Injectable()
export class ResponseCache implements OnApplicationShutdown {
  private readonly logger = new Logger('Cache');
  readonly settings: ResponseCacheSettings | undefined;
  readonly store: CacheStore | undefined;
  private readonly redis: Redis | undefined;
  private lastWarning = 0;
  /** Store failures since start (also a metric). */
  errors = 0;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly metrics: GatewayMetrics,
  ) {
    this.settings = config.cache;
    if (!this.settings) return;
    if (this.settings.type === 'redis' && config.redis) {
      this.redis = createFailFastRedis(config.redis);
      this.store = new RedisCacheStore(this.redis, `${config.queuePrefix}:cache:`);
    } else {
      this.store = new MemoryCacheStore(this.settings.maxEntries);
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  /** @hotpath The request's cache plan; undefined when it is not served by the cache. */
  plan(callType: string, modelGroup: string, body: Json, principal: RequestPrincipal): CachePlan | undefined {
    const settings = this.settings;
    if (!settings?.callTypes.has(callType as CacheableCallType)) return undefined;
    const controls = cacheControlsOf(body, settings.mode === 'default_on');
    if (!controls.lookup && !controls.store) return undefined;
    const identity = principal.kind === 'key' ? principal.identity : undefined;
    const scope =
      settings.scope === 'global'
        ? ''
        : settings.scope === 'team' && identity?.key.teamId
          ? `team:${identity.key.teamId}`
          : `key:${identity?.hash ?? principal.kind}`;
    const key = responseCacheKey(callType, modelGroup, body, scope, controls.namespace ?? settings.namespace);
    return { key, modelGroup, callType: callType as CacheableCallType, controls };
  }

  /** A stored answer young enough for the request, or undefined (also when the store fails). */
  async lookup(plan: CachePlan, requester: CacheRequester): Promise<CachedAnswer | undefined> {
    if (!plan.controls.lookup || !this.store) return undefined;
    try {
      const stored = await this.store.get(plan.key);
      const maxAge = plan.controls.maxAgeSeconds;
      const found =
        stored && (maxAge === undefined || Date.now() - stored.storedAt <= maxAge * 1000)
          ? stored
          : undefined;
      this.metrics.observeCache(found !== undefined, plan.callType, plan.modelGroup, requester);
      return found;
    } catch (error) {
      this.failed(error, 'get');
      return undefined;
    }
  }

  /** Keeps a successful answer, in the background. */
  keep(plan: CachePlan, body: Json): void {
    if (!plan.controls.store || !this.store || !this.settings || !cacheable(body)) return;
    const ttl = plan.controls.ttlSeconds ?? this.settings.ttlSeconds;
    this.store
      .set(plan.key, { storedAt: Date.now(), body }, ttl)
      .catch((error: unknown) => this.failed(error, 'set'));
  }

  private failed(error: unknown, operation: string): void {
    this.errors += 1;
    this.metrics.observeCacheError(operation, error);
    const now = Date.now();
    if (now - this.lastWarning < WARN_INTERVAL_MS) return;
    this.lastWarning = now;
    this.logger.warn(`the response cache is unavailable, requests go uncached: ${(error as Error).message}`);
  }
}
