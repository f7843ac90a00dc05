import type { ErrorType } from '@anthropic-ai/sdk/resources/shared';
import { describe, expect, it } from 'vitest';

import { anthropicErrorBody } from './messages-errors';

describe('anthropicErrorBody', () => {
  it("uses Anthropic's error type for each status", () => {
    const types: Record<number, ErrorType | 'request_too_large'> = {
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
      422: 'invalid_request_error',
      599: 'api_error',
    };
    for (const [status, type] of Object.entries(types))
      expect(anthropicErrorBody(Number(status), 'boom')).toEqual({
        type: 'error',
        error: { type, message: 'boom' },
      });
  });
});
