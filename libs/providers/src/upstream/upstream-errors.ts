import { GatewayError, type GatewayErrorType } from '@switchyard/kernel';

import { providerErrorKind, type ProviderErrorKind } from './provider-error-kinds';

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

/** An upstream error body's fields, whichever provider wrote it. */
interface ParsedUpstreamError {
  message: string;
  type?: string;
  param?: string;
  /** `error.code` when a string, else Gemini's `error.status`. */
  code?: string;
  /** Azure's `innererror.code`. */
  innerCode?: string;
  /** Gemini's `google.rpc.RetryInfo` delay, in seconds. */
  retryDelaySeconds?: number;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Gemini's 429 carries `details: [{"@type": ".../google.rpc.RetryInfo", "retryDelay": "38s"}]`. */
function retryDelayOf(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    const delay = (detail as { retryDelay?: unknown } | null)?.retryDelay;
    const seconds = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay)?.[1] : undefined;
    if (seconds !== undefined) return Math.ceil(Number(seconds));
  }
  return undefined;
}

/**
 * OpenAI/Azure/vLLM `{"error": {message, type, param, code, innererror}}` (vLLM's older answers and
 * Bedrock's `{"message"}` unwrapped), Anthropic `{"type": "error", "error": {type, message}}`, Gemini
 * `{"error": {code, message, status, details}}`, or any text.
 */
function parseUpstreamError(bodyText: string): ParsedUpstreamError {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const error = (parsed as { error?: unknown } | null)?.error ?? parsed;
    if (typeof error === 'string') return { message: error };
    if (error && typeof error === 'object') {
      const fields = error as Record<string, unknown>;
      const message = stringField(fields.message) ?? stringField(fields.Message);
      if (message !== undefined) {
        const type = stringField(fields.type);
        const param = stringField(fields.param);
        const code = stringField(fields.code) ?? stringField(fields.status);
        const innerCode = stringField((fields.innererror as { code?: unknown } | null | undefined)?.code);
        const retryDelaySeconds = retryDelayOf(fields.details);
        return {
          message,
          ...(type !== undefined ? { type } : {}),
          ...(param !== undefined ? { param } : {}),
          ...(code !== undefined ? { code } : {}),
          ...(innerCode !== undefined ? { innerCode } : {}),
          ...(retryDelaySeconds !== undefined ? { retryDelaySeconds } : {}),
        };
      }
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return { message: bodyText.slice(0, 2000) || 'no error body' };
}

/**
 * Credentials never reach the client, even if an upstream echoes them: unmasked OpenAI/Anthropic-style
 * keys (`sk-...`), Google API keys (`AIza...`), `key=` query values and bearer tokens. OpenAI's own
 * masking (`sk-abc***xyz`) is left as it is.
 */
export function redactSecrets(message: string): string {
  return message
    .replace(/\bsk-[A-Za-z0-9_-]{16,}/g, (key) => `${key.slice(0, 6)}***${key.slice(-4)}`)
    .replace(/\bAIza[0-9A-Za-z_-]{30,}/g, (key) => `${key.slice(0, 6)}***${key.slice(-4)}`)
    .replace(/([?&](?:key|api[-_]?key)=)[^&\s"']+/gi, '$1***')
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/g, '$1***');
}

/** The `retry-after` of an upstream answer: its value, or its headers (`retry-after`, `retry-after-ms`). */
export type UpstreamRetryAfter = string | Readonly<Record<string, string | string[] | undefined>> | undefined;

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The retry headers the client gets: `retry-after` as sent, or derived from `retry-after-ms` (Azure,
 * OpenAI) or Gemini's RetryInfo when it is missing; `retry-after-ms` is passed on as well.
 */
function retryHeaders(
  retryAfter: UpstreamRetryAfter,
  retryDelaySeconds: number | undefined,
): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (typeof retryAfter === 'string') {
    if (retryAfter) headers['retry-after'] = retryAfter;
  } else if (retryAfter) {
    const seconds = headerValue(retryAfter['retry-after']);
    const millis = headerValue(retryAfter['retry-after-ms']);
    if (seconds) headers['retry-after'] = seconds;
    if (millis && /^\d+(\.\d+)?$/.test(millis.trim())) {
      headers['retry-after-ms'] = millis.trim();
      headers['retry-after'] ??= String(Math.ceil(Number(millis) / 1000));
    }
  }
  if (headers['retry-after'] === undefined && retryDelaySeconds !== undefined) {
    headers['retry-after'] = String(retryDelaySeconds);
  }
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/** LiteLLM's exception class, client status and type for each recognised kind. */
function kindError(
  kind: ProviderErrorKind,
  status: number,
  type: string | undefined,
): { exception: string; status: number; type: GatewayErrorType; code?: string } {
  switch (kind) {
    case 'context_window_exceeded':
      return {
        exception: 'ContextWindowExceededError',
        status: 400,
        type: 'invalid_request_error',
        code: 'context_length_exceeded',
      };
    case 'content_policy_violation':
      return {
        exception: 'ContentPolicyViolationError',
        status: 400,
        type: 'invalid_request_error',
        code: 'content_policy_violation',
      };
    case 'overloaded':
      // Anthropic's 529 overloaded_error is LiteLLM's InternalServerError; a busy 503 its ServiceUnavailableError.
      return {
        exception:
          status === 529 || type === 'overloaded_error' ? 'InternalServerError' : 'ServiceUnavailableError',
        status: 503,
        type: 'api_error',
      };
  }
}

/**
 * An upstream's non-2xx answer as the client sees it (LiteLLM's message format
 * `litellm.<ExceptionClass>: <Label> - <upstream message>`): 4xx keep their status, message and
 * retry headers; an input too long for the model is a 400 ContextWindowExceededError, a refused or
 * filtered prompt a 400 ContentPolicyViolationError, an overloaded upstream (Anthropic 529, Gemini
 * 503 UNAVAILABLE, Bedrock ServiceUnavailableException) a 503; other 5xx become 502, a 504 stays 504.
 * `exception` is Bedrock's error type (`x-amzn-errortype`).
 */
export function upstreamHttpError(
  label: string,
  status: number,
  bodyText: string,
  retryAfter: UpstreamRetryAfter,
  exception?: string,
): GatewayError {
  const parsed = parseUpstreamError(bodyText);
  const message = redactSecrets(parsed.message);
  const kind = providerErrorKind({ label, status, ...parsed, message, ...(exception ? { exception } : {}) });
  const headers = retryHeaders(retryAfter, parsed.retryDelaySeconds);
  const options = {
    param: parsed.param ?? null,
    ...(headers ? { headers } : {}),
  };
  if (kind) {
    const mapped = kindError(kind, status, parsed.type);
    return new GatewayError(`litellm.${mapped.exception}: ${label} - ${message}`, {
      status: mapped.status,
      type: mapped.type,
      ...(mapped.code ? { code: mapped.code } : {}),
      ...options,
    });
  }
  const name = EXCEPTION_BY_STATUS[status] ?? (status >= 500 ? 'InternalServerError' : 'APIError');
  const clientStatus = status >= 500 ? (status === 504 ? 504 : 502) : status;
  return new GatewayError(`litellm.${name}: ${label} - ${message}`, {
    status: clientStatus,
    type: status < 500 && parsed.type ? (parsed.type as GatewayErrorType) : typeForStatus(status),
    ...options,
  });
}

/** Anthropic's error types as the HTTP statuses it answers them with. */
const ANTHROPIC_ERROR_STATUS: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * An error reported inside a stream that has already answered 200 (Anthropic's `error` event
 * `{"type": "overloaded_error", "message": "Overloaded"}`, Gemini's `{"code": 503, "status":
 * "UNAVAILABLE", ...}` chunk), mapped as the same error would be over HTTP; an unrecognised server
 * error stays LiteLLM's APIError (502).
 */
export function upstreamStreamError(label: string, error: unknown): GatewayError {
  const fields = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const status =
    typeof fields.code === 'number'
      ? fields.code
      : typeof fields.type === 'string'
        ? ANTHROPIC_ERROR_STATUS[fields.type]
        : undefined;
  const body = JSON.stringify({ error: typeof error === 'string' ? { message: error } : fields });
  const mapped = status !== undefined ? upstreamHttpError(label, status, body, undefined) : undefined;
  if (mapped && (mapped.status < 500 || mapped.status === 503)) return mapped;
  const message =
    typeof fields.message === 'string' ? fields.message : typeof error === 'string' ? error : '';
  return new GatewayError(`litellm.APIError: ${label} - ${redactSecrets(message) || 'stream error'}`, {
    status: 502,
    type: 'api_error',
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
