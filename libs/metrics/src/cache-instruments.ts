import type { RequestSummary } from '@switchyard/kernel';
import { Counter, type Registry } from 'prom-client';

import { isCountable, label, NONE, type MetricsOptions } from './labels';

/** Who asked, for the cache counters' key and team labels (all optional). */
export interface CacheRequester {
  readonly keyHash?: string | null;
  readonly keyAlias?: string | null;
  readonly teamId?: string | null;
  readonly teamAlias?: string | null;
  readonly userId?: string | null;
  readonly endUser?: string | null;
}

/** LiteLLM's cache labels, plus `call_type` (bounded: the route family). */
const CACHE = [
  'model',
  'hashed_api_key',
  'api_key_alias',
  'team',
  'team_alias',
  'end_user',
  'user',
  'model_id',
  'call_type',
] as const;

/** Labels of LiteLLM's `prometheus_system` service metrics for Redis. */
const REDIS_FAILURES = ['redis', 'error_class', 'function_name'] as const;

function errorClassOf(error: unknown): string {
  if (error instanceof Error) return error.constructor.name || error.name || 'Error';
  return typeof error === 'string' ? 'Error' : NONE;
}

/** Response-cache hits and misses, tokens served from the cache, and failures of the cache's Redis. */
export class CacheInstruments {
  private readonly hits: Counter<(typeof CACHE)[number]>;
  private readonly misses: Counter<(typeof CACHE)[number]>;
  private readonly cachedTokens: Counter<(typeof CACHE)[number]>;
  private readonly redisFailures: Counter<(typeof REDIS_FAILURES)[number]>;

  constructor(
    registry: Registry,
    private readonly options: MetricsOptions,
  ) {
    const registers = [registry];
    this.hits = new Counter({
      name: 'litellm_cache_hits_metric_total',
      help: 'Total number of LiteLLM cache hits',
      labelNames: CACHE,
      registers,
    });
    this.misses = new Counter({
      name: 'litellm_cache_misses_metric_total',
      help: 'Total number of LiteLLM cache misses',
      labelNames: CACHE,
      registers,
    });
    this.cachedTokens = new Counter({
      name: 'litellm_cached_tokens_metric_total',
      help: 'Total tokens served from LiteLLM cache',
      labelNames: CACHE,
      registers,
    });
    this.redisFailures = new Counter({
      name: 'litellm_redis_failed_requests_total',
      help: 'Total failed_requests for redis service',
      labelNames: REDIS_FAILURES,
      registers,
    });
  }

  /** @hotpath A response-cache lookup. */
  observeLookup(hit: boolean, callType: string, modelGroup: string, who: CacheRequester = {}): void {
    (hit ? this.hits : this.misses).inc(this.labels(callType, modelGroup, who));
  }

  /** A request answered from the cache: its tokens were served without a provider call. */
  observeCachedResponse(s: RequestSummary): void {
    const tokens = s.promptTokens + s.completionTokens;
    if (!isCountable(tokens)) return;
    this.cachedTokens.inc(
      this.labels(s.callType, s.modelGroup ?? s.requestedModel, {
        keyHash: s.keyHash,
        keyAlias: s.keyAlias,
        teamId: s.teamId,
        teamAlias: s.teamAlias,
        userId: s.userId,
        endUser: s.endUser,
      }),
      tokens,
    );
  }

  /** A cache operation (`get`, `set`, `delete`...) failed against Redis. */
  observeError(operation: string, error: unknown): void {
    this.redisFailures.inc({ redis: 'redis', error_class: errorClassOf(error), function_name: operation });
  }

  private labels(callType: string, modelGroup: string, who: CacheRequester) {
    return {
      model: modelGroup,
      hashed_api_key: label(who.keyHash),
      api_key_alias: label(who.keyAlias),
      team: label(who.teamId),
      team_alias: label(who.teamAlias),
      end_user: this.options.endUserLabels ? label(who.endUser) : NONE,
      user: label(who.userId),
      model_id: NONE,
      call_type: callType,
    };
  }
}
