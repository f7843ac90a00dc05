import { GatewayError, type GatewayErrorType } from '@switchyard/kernel';

const EXCEPTION_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  408: 'Timeout',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
};

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function typeForStatus(status: number): GatewayErrorType {
  if (status === 401 || status === 403) return 'auth_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

function upstreamMessage(bodyText: string): { message: string; type?: string; param?: string } {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const error = (parsed as { error?: unknown }).error ?? parsed;
    if (typeof error === 'string') return { message: error };
    if (error && typeof error === 'object') {
      const { message, type, param } = error as Record<string, unknown>;
      if (typeof message === 'string') {
        return {
          message,
          ...(typeof type === 'string' ? { type } : {}),
          ...(typeof param === 'string' ? { param } : {}),
        };
      }
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return { message: bodyText.slice(0, 2000) || 'no error body' };
}

/**
 * An upstream's non-2xx answer as the client sees it: 4xx keep their status, message and
 * `retry-after` (LiteLLM's message format); 5xx become 502, an upstream 504 stays 504.
 */
export function upstreamHttpError(
  label: string,
  status: number,
  bodyText: string,
  retryAfter: string | undefined,
): GatewayError {
  const { message, type, param } = upstreamMessage(bodyText);
  const exception = EXCEPTION_BY_STATUS[status] ?? (status >= 500 ? 'InternalServerError' : 'APIError');
  const clientStatus = status >= 500 ? (status === 504 ? 504 : 502) : status;
  return new GatewayError(`litellm.${exception}: ${label} - ${message}`, {
    status: clientStatus,
    type: status < 500 && type ? (type as GatewayErrorType) : typeForStatus(status),
    param: param ?? null,
    ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
  });
}

/** A transport failure (timeout, refused or dropped connection, unreadable answer) as 502/504. */
export function upstreamTransportError(label: string, error: unknown): GatewayError {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new GatewayError(`litellm.Timeout: ${label} - Request timed out`, {
      status: 504,
      type: 'timeout_error',
    });
  }
  const reason = error instanceof Error ? error.message : 'unknown error';
  return new GatewayError(`litellm.APIConnectionError: ${label} - Connection error: ${reason}`, {
    status: 502,
    type: 'api_error',
  });
}

export function malformedUpstreamError(label: string, what: string): GatewayError {
  return new GatewayError(`litellm.APIError: ${label} - ${what}`, { status: 502, type: 'api_error' });
}

/** A deployment asked for a call type its provider does not serve (400, naming both). */
export function notServed(provider: string, callType: string): GatewayError {
  return GatewayError.badRequest(`${provider}/ deployments do not serve ${callType} requests`, 'model');
}
