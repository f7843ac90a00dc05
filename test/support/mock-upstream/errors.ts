import type { FailStatus } from './directives';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export interface AzureErrorBody {
  error: { code: string; message: string };
}

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: OpenAIErrorBody | AzureErrorBody;
}

export function openAIError(
  status: number,
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
  headers: Record<string, string> = {},
): ErrorResponse {
  return { status, headers, body: { error: { message, type, param, code } } };
}

export function azureError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): ErrorResponse {
  return { status, headers, body: { error: { code: String(status), message } } };
}

export function invalidApiKey(presented: string): ErrorResponse {
  const masked = presented.length > 8 ? `${presented.slice(0, 3)}*****${presented.slice(-4)}` : presented;
  return openAIError(
    401,
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );
}

export const azureAccessDenied = (): ErrorResponse =>
  azureError(
    401,
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  );

export const azureNotFound = (): ErrorResponse => azureError(404, 'Resource not found');

export const invalidUrl = (method: string, path: string): ErrorResponse =>
  openAIError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error');

export const unparsableBody = (): ErrorResponse =>
  openAIError(
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    'invalid_request_error',
  );

export const missingParameter = (param: string): ErrorResponse =>
  openAIError(
    400,
    `Missing required parameter: '${param}'.`,
    'invalid_request_error',
    param,
    'missing_required_parameter',
  );

/** The error a `fail-<status>` directive answers with, in the shape of the route's provider. */
export function directedFailure(status: FailStatus, model: string, azure: boolean): ErrorResponse {
  switch (status) {
    case 400:
      return openAIError(
        400,
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        'invalid_request_error',
        'messages',
        'empty_array',
      );
    case 401:
      return azure ? azureAccessDenied() : invalidApiKey('sk-mock-fail-401');
    case 429: {
      const headers = {
        'retry-after': '7',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '7s',
      };
      return azure
        ? azureError(
            429,
            'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds.',
            headers,
          )
        : openAIError(
            429,
            `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 7s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
            'requests',
            null,
            'rate_limit_exceeded',
            headers,
          );
    }
    case 500:
      return openAIError(
        500,
        'The server had an error while processing your request. Sorry about that!',
        'server_error',
      );
  }
}
