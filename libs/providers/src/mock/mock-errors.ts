import { GatewayError, type GatewayErrorType } from '@switchyard/kernel';

const MOCK_ERRORS: Readonly<Record<string, { status: number; type: GatewayErrorType }>> = {
  'litellm.BadRequestError': { status: 400, type: 'invalid_request_error' },
  'litellm.ContextWindowExceededError': { status: 400, type: 'invalid_request_error' },
  'litellm.ContentPolicyViolationError': { status: 400, type: 'invalid_request_error' },
  'litellm.AuthenticationError': { status: 401, type: 'auth_error' },
  'litellm.NotFoundError': { status: 404, type: 'not_found_error' },
  'litellm.RateLimitError': { status: 429, type: 'rate_limit_error' },
  'litellm.InternalServerError': { status: 502, type: 'api_error' },
  'litellm.APIConnectionError': { status: 502, type: 'api_error' },
  'litellm.ServiceUnavailableError': { status: 503, type: 'api_error' },
  'litellm.Timeout': { status: 504, type: 'timeout_error' },
};

/** LiteLLM lets `mock_response` name an exception class to simulate that failure. */
export function mockResponseError(mockResponse: string): GatewayError | undefined {
  const error = MOCK_ERRORS[mockResponse];
  if (!error) return undefined;
  const name = mockResponse.slice('litellm.'.length);
  return new GatewayError(`${mockResponse}: ${name} - this is a mock error (mock_response)`, {
    ...error,
    ...(error.status === 429 ? { headers: { 'retry-after': '1' } } : {}),
  });
}
