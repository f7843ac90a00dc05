import type { RoutingPolicy } from '@switchyard/config';

import { policyClassOf, type FailureClass } from './error-class';

/** Retried unless `retry_policy` says otherwise: the provider may answer next time. */
const RETRYABLE = new Set<FailureClass>(['RateLimitError', 'InternalServerError', 'TimeoutError']);
const BACKOFF_BASE_MS = 100;
// A retry-after longer than this is not waited for: the fallbacks (or the client) decide.
const MAX_RETRY_WAIT_MS = 10_000;

export type NextStep =
  | { readonly kind: 'retry'; readonly group: string; readonly delayMs: number }
  | { readonly kind: 'fallback'; readonly group: string }
  | { readonly kind: 'fail' };

export interface FailedAttempt {
  readonly failure: FailureClass;
  /** The upstream's `retry-after`, seconds. */
  readonly retryAfterSeconds: number | undefined;
  /** Whether the group has another deployment not tried yet (then no backoff is needed). */
  readonly otherDeploymentLeft: boolean;
  /** The group has no deployment available at all (all cooling down): retrying it is pointless. */
  readonly groupUnavailable: boolean;
}

/**
 * What to do after each failed attempt of one request: retries within the group (`num_retries`,
 * `retry_policy`, exponential backoff with jitter honouring `retry-after`), then the fallback
 * groups for the failure's class, each with its own retries, up to `max_fallbacks`.
 */
export class FailoverPlan {
  private group: string;
  private retriesInGroup = 0;
  private readonly fallbacksTried = new Set<string>();
  retries = 0;
  fallbacks = 0;

  constructor(
    private readonly policy: RoutingPolicy,
    requestedGroup: string,
    private readonly numRetries: number,
    /** The request's own `fallbacks` list, if any: it replaces the configured ones. */
    private readonly requestFallbacks: readonly string[] | undefined,
    /** Whether a group exists: unknown fallback groups are skipped. */
    private readonly knownGroup: (group: string) => boolean = () => true,
    private readonly random: () => number = Math.random,
  ) {
    this.group = requestedGroup;
    this.fallbacksTried.add(requestedGroup);
  }

  next(attempt: FailedAttempt): NextStep {
    const allowed =
      this.policy.retryPolicy[policyClassOf(attempt.failure)] ??
      (RETRYABLE.has(attempt.failure) ? this.numRetries : 0);
    if (!attempt.groupUnavailable && this.retriesInGroup < allowed) {
      const delayMs = attempt.otherDeploymentLeft ? 0 : this.backoffMs(attempt.retryAfterSeconds);
      if (delayMs <= MAX_RETRY_WAIT_MS) {
        this.retriesInGroup += 1;
        this.retries += 1;
        return { kind: 'retry', group: this.group, delayMs };
      }
    }
    const fallback = this.fallbackFor(attempt.failure);
    if (fallback === undefined) return { kind: 'fail' };
    this.fallbacksTried.add(fallback);
    this.fallbacks += 1;
    this.group = fallback;
    this.retriesInGroup = 0;
    return { kind: 'fallback', group: fallback };
  }

  private backoffMs(retryAfterSeconds: number | undefined): number {
    const exponential = BACKOFF_BASE_MS * 2 ** this.retriesInGroup * (0.5 + this.random() / 2);
    return Math.max(exponential, (retryAfterSeconds ?? 0) * 1000, this.policy.retryAfterSeconds * 1000);
  }

  private fallbackFor(failure: FailureClass): string | undefined {
    if (this.fallbacks >= this.policy.maxFallbacks) return undefined;
    const requested = [...this.fallbacksTried][0] as string;
    let groups: readonly string[];
    if (failure === 'ContextWindowExceededError')
      groups = this.policy.contextWindowFallbacks[requested] ?? [];
    else if (failure === 'ContentPolicyViolationError') {
      groups = this.policy.contentPolicyFallbacks[requested] ?? [];
    } else if (failure === 'BadRequestError') groups = [];
    else {
      groups = this.requestFallbacks ?? this.policy.fallbacks[requested] ?? this.policy.defaultFallbacks;
    }
    return groups.find((group) => !this.fallbacksTried.has(group) && this.knownGroup(group));
  }
}
