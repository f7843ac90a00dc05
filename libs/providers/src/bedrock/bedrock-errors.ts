import { GatewayError, type GatewayErrorType } from '@switchyard/kernel';

import { providerErrorKind, type ProviderErrorKind } from '../upstream/provider-error-kinds';
import { redactSecrets, upstreamHttpError, type UpstreamRetryAfter } from '../upstream/upstream-errors';

/** Provider name in error messages, as LiteLLM writes it. */
export const BEDROCK_LABEL = 'BedrockException';

/** `ThrottlingException:http://internal.amazon.com/coral/...` → `ThrottlingException`. */
function errorTypeOf(header: string | undefined): string | undefined {
  return header?.split(':')[0] || undefined;
}

/**
 * A non-2xx Bedrock answer (`{"message": ...}` plus `x-amzn-errortype`), mapped like every provider's
 * (upstreamHttpError): the status is kept; a ValidationException saying the input does not fit the
 * model is LiteLLM's ContextWindowExceededError, one saying a content filter or guardrail blocked it
 * its ContentPolicyViolationError; a ServiceUnavailableException is a 503.
 */
export function bedrockHttpError(
  status: number,
  bodyText: string,
  errorTypeHeader: string | undefined,
  retryAfter: UpstreamRetryAfter,
): GatewayError {
  const errorType = errorTypeOf(errorTypeHeader);
  const text = bodyText.trim() ? bodyText : JSON.stringify({ message: errorType ?? 'no error body' });
  return upstreamHttpError(BEDROCK_LABEL, status, text, retryAfter, errorType);
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

/** The exception frames LiteLLM names more precisely (the HTTP answers' mapping, upstreamHttpError). */
const STREAM_KINDS: Readonly<
  Record<ProviderErrorKind, { status: number; name: string; type: GatewayErrorType; code?: string }>
> = {
  context_window_exceeded: {
    status: 400,
    name: 'ContextWindowExceededError',
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
  },
  content_policy_violation: {
    status: 400,
    name: 'ContentPolicyViolationError',
    type: 'invalid_request_error',
    code: 'content_policy_violation',
  },
  overloaded: { status: 503, name: 'ServiceUnavailableError', type: 'api_error' },
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
  const kind = providerErrorKind({
    label: BEDROCK_LABEL,
    status: known.status,
    message,
    ...(exceptionType ? { exception: exceptionType } : {}),
  });
  const mapped = kind ? STREAM_KINDS[kind] : known;
  return new GatewayError(
    `litellm.${mapped.name}: ${BEDROCK_LABEL} - ${exceptionType ?? 'stream error'}: ${redactSecrets(message) || 'no message'}`,
    {
      status: mapped.status,
      type: mapped.type,
      ...(kind && STREAM_KINDS[kind].code ? { code: STREAM_KINDS[kind].code } : {}),
    },
  );
}

/** A deployment without credentials fails its calls, naming what to set, instead of failing to start. */
export function missingCredentialsError(deploymentId: string, missing: readonly string[]): GatewayError {
  return GatewayError.unauthorized(
    `litellm.AuthenticationError: ${BEDROCK_LABEL} - bedrock/ deployment ${deploymentId} has no ${missing.join(' or ')}: set aws_access_key_id and aws_secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), or a Bedrock API key in api_key (or AWS_BEARER_TOKEN_BEDROCK)`,
  );
}
