import { GatewayError } from '@switchyard/kernel';

/**
 * The LiteLLM error class of a failed health check: what the admin API shows instead of the
 * provider's message, which may echo a credential.
 */
export function healthErrorClassOf(error: unknown): string {
  if (error instanceof GatewayError) {
    const { status, type } = error;
    if (status === 429) return 'RateLimitError';
    if (status === 408 || status === 504 || type === 'timeout_error') return 'TimeoutError';
    if (status === 401 || status === 403) return 'AuthenticationError';
    if (status === 404) return 'NotFoundError';
    if (status >= 500) return 'InternalServerError';
    return 'BadRequestError';
  }
  if (error instanceof Error && /timeout/i.test(error.message)) return 'TimeoutError';
  return 'APIConnectionError';
}
