/** OpenAI's error `type` values plus LiteLLM's proxy error types. */
export type GatewayErrorType =
  | 'invalid_request_error'
  | 'auth_error'
  | 'expired_key'
  | 'key_model_access_denied'
  | 'team_model_access_denied'
  | 'team_member_permission_error'
  | 'bad_request_error'
  | 'no_db_connection'
  | 'budget_exceeded'
  | 'throttling_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'internal_server_error';

export interface GatewayErrorOptions {
  status: number;
  type: GatewayErrorType;
  param?: string | null;
  /** Extra response headers (e.g. `retry-after` from the upstream). */
  headers?: Record<string, string>;
  /** OpenAI's error `code` where one names the case (`context_length_exceeded`); else the status. */
  code?: string;
}

/**
 * The one error every transport understands: it carries the HTTP status and the fields of
 * OpenAI's error body. Libs throw it; the transport renders it.
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly type: GatewayErrorType;
  readonly param: string | null;
  readonly headers: Record<string, string> | undefined;
  readonly code: string | undefined;

  constructor(message: string, options: GatewayErrorOptions) {
    super(message);
    this.name = 'GatewayError';
    this.status = options.status;
    this.type = options.type;
    this.param = options.param ?? null;
    this.headers = options.headers;
    this.code = options.code;
  }

  static badRequest(message: string, param: string | null = null): GatewayError {
    return new GatewayError(message, { status: 400, type: 'invalid_request_error', param });
  }

  static unauthorized(message: string): GatewayError {
    return new GatewayError(message, { status: 401, type: 'auth_error' });
  }

  static forbidden(
    message: string,
    type: GatewayErrorType = 'auth_error',
    param: string | null = null,
  ): GatewayError {
    return new GatewayError(message, { status: 403, type, param });
  }

  static unavailable(message: string): GatewayError {
    return new GatewayError(message, { status: 503, type: 'no_db_connection' });
  }

  static notFound(message: string, param: string | null = null): GatewayError {
    return new GatewayError(message, { status: 404, type: 'not_found_error', param });
  }
}

/**
 * OpenAI's error body; `code` is the HTTP status as a string, as LiteLLM sends it, except where
 * OpenAI names the case (`context_length_exceeded`, `content_policy_violation`).
 */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

export function toErrorBody(error: GatewayError): OpenAiErrorBody {
  return {
    error: {
      message: error.message,
      type: error.type,
      param: error.param,
      code: error.code ?? String(error.status),
    },
  };
}
