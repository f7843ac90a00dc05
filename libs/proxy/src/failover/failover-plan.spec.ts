import type { RoutingPolicy } from '@switchyard/config';
import { describe, expect, it } from 'vitest';

import { FailoverPlan, type FailedAttempt } from './failover-plan';

const POLICY: RoutingPolicy = {
  strategy: 'simple-shuffle',
  latencyBuffer: 0,
  numRetries: 2,
  retryPolicy: {},
  retryAfterSeconds: 0,
  allowedFails: 3,
  allowedFailsPolicy: {},
  cooldownSeconds: 5,
  fallbacks: { gpt: ['claude', 'gemini'] },
  defaultFallbacks: ['default'],
  contextWindowFallbacks: { gpt: ['gpt-long'] },
  contentPolicyFallbacks: { gpt: ['claude'] },
  maxFallbacks: 5,
  preCallChecks: false,
};

const failed = (failure: FailedAttempt['failure'], extra: Partial<FailedAttempt> = {}): FailedAttempt => ({
  failure,
  retryAfterSeconds: undefined,
  otherDeploymentLeft: false,
  groupUnavailable: false,
  ...extra,
});

const plan = (policy: Partial<RoutingPolicy> = {}, requestFallbacks?: string[]) =>
  new FailoverPlan(
    { ...POLICY, ...policy },
    'gpt',
    policy.numRetries ?? 2,
    requestFallbacks,
    undefined,
    () => 0.5,
  );

describe('FailoverPlan', () => {
  it('retries a 5xx num_retries times with growing backoff, then falls back in order, each with its own retries', () => {
    const p = plan();
    expect(p.next(failed('InternalServerError'))).toEqual({ kind: 'retry', group: 'gpt', delayMs: 75 });
    expect(p.next(failed('InternalServerError'))).toEqual({ kind: 'retry', group: 'gpt', delayMs: 150 });
    expect(p.next(failed('InternalServerError'))).toEqual({ kind: 'fallback', group: 'claude' });
    expect(p.next(failed('RateLimitError'))).toMatchObject({ kind: 'retry', group: 'claude' });
    p.next(failed('RateLimitError'));
    expect(p.next(failed('RateLimitError'))).toEqual({ kind: 'fallback', group: 'gemini' });
    p.next(failed('TimeoutError'));
    p.next(failed('TimeoutError'));
    expect(p.next(failed('TimeoutError'))).toEqual({ kind: 'fail' });
    expect([p.retries, p.fallbacks]).toEqual([6, 2]);
  });

  it('retries at once when another deployment of the group is left, and honours retry-after otherwise', () => {
    const p = plan();
    expect(p.next(failed('RateLimitError', { otherDeploymentLeft: true }))).toMatchObject({ delayMs: 0 });
    expect(p.next(failed('RateLimitError', { retryAfterSeconds: 2 }))).toMatchObject({ delayMs: 2000 });
    // A retry-after too long to wait for goes to the fallbacks instead.
    expect(plan().next(failed('RateLimitError', { retryAfterSeconds: 60 }))).toEqual({
      kind: 'fallback',
      group: 'claude',
    });
  });

  it('never retries or falls back on a bad request; uses the class fallbacks for context and content errors', () => {
    expect(plan().next(failed('BadRequestError'))).toEqual({ kind: 'fail' });
    expect(plan().next(failed('ContextWindowExceededError'))).toEqual({
      kind: 'fallback',
      group: 'gpt-long',
    });
    expect(plan().next(failed('ContentPolicyViolationError'))).toEqual({ kind: 'fallback', group: 'claude' });
    expect(plan().next(failed('AuthenticationError'))).toEqual({ kind: 'fallback', group: 'claude' });
  });

  it('follows retry_policy per class, the request fallbacks, default_fallbacks and max_fallbacks', () => {
    const noRateRetries = plan({ retryPolicy: { RateLimitError: 0, BadRequestError: 1 } });
    expect(noRateRetries.next(failed('RateLimitError'))).toEqual({ kind: 'fallback', group: 'claude' });
    expect(plan({ retryPolicy: { BadRequestError: 1 } }).next(failed('BadRequestError'))).toMatchObject({
      kind: 'retry',
    });
    const requested = plan({ numRetries: 0 }, ['mine']);
    expect(requested.next(failed('InternalServerError'))).toEqual({ kind: 'fallback', group: 'mine' });
    const byDefault = new FailoverPlan({ ...POLICY, fallbacks: {} }, 'other', 0, undefined);
    expect(byDefault.next(failed('InternalServerError'))).toEqual({ kind: 'fallback', group: 'default' });
    expect(plan({ numRetries: 0, maxFallbacks: 0 }).next(failed('InternalServerError'))).toEqual({
      kind: 'fail',
    });
  });

  it('skips retries when the group has no deployment available, and unknown fallback groups', () => {
    expect(plan().next(failed('InternalServerError', { groupUnavailable: true }))).toEqual({
      kind: 'fallback',
      group: 'claude',
    });
    const p = new FailoverPlan(POLICY, 'gpt', 0, undefined, (group) => group !== 'claude');
    expect(p.next(failed('InternalServerError'))).toEqual({ kind: 'fallback', group: 'gemini' });
  });
});
