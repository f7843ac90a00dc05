import { GatewayError, type GatewayErrorType } from '@switchyard/kernel';

import { upstreamHttpError } from '../upstream/upstream-errors';

/** Provider name in error messages, as LiteLLM writes it. */
export const BEDROCK_LABEL = 'BedrockException';

const CONTEXT_OVERFLOW = /too long|too many (input )?tokens|context (length|window)/i;

/** `ThrottlingException:http://internal.amazon.com/coral/...` → `ThrottlingException`. */
function errorTypeOf(header: string | undefined): string | undefined {
  return header?.split(':')[0] || undefined;
}

/**
 * A non-2xx Bedrock answer (`{"message": ...}` plus `x-amzn-errortype`): the status is kept; an
 * input that does not fit the model is LiteLLM's ContextWindowExceededError.
 */
export function bedrockHttpError(
  status: number,
  bodyText: string,
  errorTypeHeader: string | undefined,
  retryAfter: string | undefined,
): GatewayError {
  const errorType = errorTypeOf(errorTypeHeader);
  const text = bodyText.trim() ? bodyText : JSON.stringify({ message: errorType ?? 'no error body' });
  const error = upstreamHttpError(BEDROCK_LABEL, status, text, retryAfter);
  if (status === 400 && CONTEXT_OVERFLOW.test(error.message)) {
    return new GatewayError(error.message.replace(/^litellm\.\w+:/, 'litellm.ContextWindowExceededError:'), {
      status: 400,
      type: 'invalid_request_error',
      param: error.param,
    });
  }
  return error;
}

const STREAM_EXCEPTIONS: Readonly<Record<string, { status: number; name: string; type: GatewayErrorType }>> =
  {
    throttlingException: { status: 429, name: 'RateLimitError', type: 'rate_limit_error' },
    validationException: { status: 400, name: 'BadRequestError', type: 'invalid_request_error' },
    accessDeniedException: { status: 403, name: 'PermissionDeniedError', type: 'auth_error' },
    modelTimeoutException: { status: 408, name: 'Timeout', type: 'timeout_error' },
    serviceUnavailableException: { status: 503, name: 'ServiceUnavailableError', type: 'api_error' },
    modelStreamErrorException: { status: 502, name: 'APIError', type: 'api_error' },
    internalServerException: { status: 502, name: 'InternalServerError', type: 'api_error' },
  };

/** An `:message-type: exception` (or `error`) frame of a Converse stream as the error the client gets. */
export function streamExceptionError(exceptionType: string | undefined, bodyText: string): GatewayError {
  let message = bodyText;
  try {
    const parsed = JSON.parse(bodyText) as { message?: unknown; Message?: unknown };
    const found = parsed.message ?? parsed.Message;
    if (typeof found === 'string') message = found;
  } catch {
    // not JSON: the raw text is the message
  }
  const known = (exceptionType ? STREAM_EXCEPTIONS[exceptionType] : undefined) ?? {
    status: 502,
    name: 'APIError',
    type: 'api_error' as const,
  };
  return new GatewayError(
    `litellm.${known.name}: ${BEDROCK_LABEL} - ${exceptionType ?? 'stream error'}: ${message || 'no message'}`,
    { status: known.status, type: known.type },
  );
}

/** A deployment without credentials fails its calls, naming what to set, instead of failing to start. */
export function missingCredentialsError(deploymentId: string, missing: readonly string[]): GatewayError {
  return GatewayError.unauthorized(
    `litellm.AuthenticationError: ${BEDROCK_LABEL} - bedrock/ deployment ${deploymentId} has no ${missing.join(' or ')}: set aws_access_key_id and aws_secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), or a Bedrock API key in api_key (or AWS_BEARER_TOKEN_BEDROCK)`,
  );
}
