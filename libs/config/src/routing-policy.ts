import type { ConfigDocument } from './config.schema';
import {
  IMPLEMENTED_ROUTING_STRATEGIES,
  IMPLEMENTED_ROUTING_STRATEGY,
  type RoutingStrategy,
} from './providers';

/** LiteLLM's error classes, as `retry_policy` and `allowed_fails_policy` name them. */
export const ERROR_CLASSES = [
  'BadRequestError',
  'AuthenticationError',
  'TimeoutError',
  'RateLimitError',
  'ContentPolicyViolationError',
  'InternalServerError',
] as const;

export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** How the router picks deployments and handles their failures. */
export interface RoutingPolicy {
  readonly strategy: RoutingStrategy;
  /** latency-based-routing: deployments within (1 + buffer) × the fastest share the load. */
  readonly latencyBuffer: number;
  readonly numRetries: number;
  /** Retries per error class (`retry_policy`), overriding `numRetries`. */
  readonly retryPolicy: Readonly<Partial<Record<ErrorClass, number>>>;
  /** Minimum seconds before a retry (`retry_after`). */
  readonly retryAfterSeconds: number;
  readonly allowedFails: number;
  readonly allowedFailsPolicy: Readonly<Partial<Record<ErrorClass, number>>>;
  readonly cooldownSeconds: number;
  readonly fallbacks: Readonly<Record<string, readonly string[]>>;
  readonly defaultFallbacks: readonly string[];
  readonly contextWindowFallbacks: Readonly<Record<string, readonly string[]>>;
  readonly contentPolicyFallbacks: Readonly<Record<string, readonly string[]>>;
  readonly maxFallbacks: number;
  readonly preCallChecks: boolean;
}

// LiteLLM's defaults: openai.DEFAULT_MAX_RETRIES, DEFAULT_ALLOWED_FAILS, DEFAULT_COOLDOWN_TIME_SECONDS,
// ROUTER_MAX_FALLBACKS.
const DEFAULT_NUM_RETRIES = 2;
const DEFAULT_ALLOWED_FAILS = 3;
const DEFAULT_COOLDOWN_SECONDS = 5;
const DEFAULT_MAX_FALLBACKS = 5;

function fallbackMap(
  ...lists: Array<ReadonlyArray<Readonly<Record<string, readonly string[]>>> | undefined>
): Record<string, readonly string[]> {
  const map: Record<string, readonly string[]> = {};
  // router_settings wins over litellm_settings: later lists are lower priority.
  for (const list of lists.reverse()) {
    for (const entry of list ?? []) Object.assign(map, entry);
  }
  return map;
}

function classCounts(
  record: Readonly<Record<string, number>> | undefined,
): Partial<Record<ErrorClass, number>> {
  const counts: Partial<Record<ErrorClass, number>> = {};
  for (const [name, count] of Object.entries(record ?? {})) {
    // LiteLLM spells them `RateLimitErrorRetries` / `RateLimitErrorAllowedFails`.
    const errorClass = ERROR_CLASSES.find((candidate) => name.startsWith(candidate));
    if (errorClass) counts[errorClass] = count;
  }
  return counts;
}

export function routingPolicyOf(document: ConfigDocument): RoutingPolicy {
  const router = document.router_settings ?? {};
  const litellm = document.litellm_settings ?? {};
  return {
    strategy:
      router.routing_strategy && IMPLEMENTED_ROUTING_STRATEGIES.has(router.routing_strategy)
        ? router.routing_strategy
        : IMPLEMENTED_ROUTING_STRATEGY,
    latencyBuffer: router.routing_strategy_args?.lowest_latency_buffer ?? 0,
    numRetries: router.num_retries ?? litellm.num_retries ?? DEFAULT_NUM_RETRIES,
    retryPolicy: classCounts(router.retry_policy),
    retryAfterSeconds: router.retry_after ?? 0,
    allowedFails: router.allowed_fails ?? DEFAULT_ALLOWED_FAILS,
    allowedFailsPolicy: classCounts(router.allowed_fails_policy),
    cooldownSeconds: router.cooldown_time ?? DEFAULT_COOLDOWN_SECONDS,
    fallbacks: fallbackMap(router.fallbacks, litellm.fallbacks),
    defaultFallbacks: router.default_fallbacks ?? litellm.default_fallbacks ?? [],
    contextWindowFallbacks: fallbackMap(router.context_window_fallbacks, litellm.context_window_fallbacks),
    contentPolicyFallbacks: fallbackMap(router.content_policy_fallbacks, litellm.content_policy_fallbacks),
    maxFallbacks: router.max_fallbacks ?? DEFAULT_MAX_FALLBACKS,
    preCallChecks: router.enable_pre_call_checks ?? false,
  };
}
