import { toErrorBody, type GatewayError } from '@switchyard/kernel';

/** Anthropic's error `type` for each HTTP status the gateway answers with. */
const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error',
  503: 'api_error',
  504: 'api_error',
  529: 'overloaded_error',
};

/** An error as Anthropic's clients expect it: `{type: 'error', error: {type, message}}`. */
export function anthropicErrorBody(
  status: number,
  message: string,
): { type: 'error'; error: { type: string; message: string } } {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return { type: 'error', error: { type, message } };
}

/**
 * A gateway error on `/v1/messages`: Anthropic's shape, which is also OpenAI's shape plus a
 * top-level `type`, so clients of either SDK read it.
 */
export function messagesErrorBody(error: GatewayError) {
  const body = anthropicErrorBody(error.status, error.message);
  const { param, code } = toErrorBody(error).error;
  return { type: body.type, error: { ...body.error, param, code } };
}
