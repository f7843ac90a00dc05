import type { ErrorClass } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';

/** LiteLLM's error classes, plus the context-window case that has its own fallbacks. */
export type FailureClass = ErrorClass | 'ContextWindowExceededError';

/** The class of a failed upstream call; undefined for errors that are not the provider's. */
export function failureClassOf(error: unknown): FailureClass | undefined {
  if (!(error instanceof GatewayError)) return undefined;
  const { status, type, message } = error;
  if (status === 429) return 'RateLimitError';
  if (status === 408 || status === 504 || type === 'timeout_error') return 'TimeoutError';
  if (status === 401 || status === 403) return 'AuthenticationError';
  if (status >= 500) return 'InternalServerError';
  if (message.includes('ContextWindowExceededError') || message.includes('context_length_exceeded')) {
    return 'ContextWindowExceededError';
  }
  if (message.includes('ContentPolicyViolationError')) return 'ContentPolicyViolationError';
  return 'BadRequestError';
}

/** The class `retry_policy` and `allowed_fails_policy` count a failure under. */
export function policyClassOf(failure: FailureClass): ErrorClass {
  return failure === 'ContextWindowExceededError' ? 'BadRequestError' : failure;
}
