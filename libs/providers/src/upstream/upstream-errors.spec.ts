import { describe, expect, it } from 'vitest';

import { upstreamHttpError, upstreamTransportError } from './upstream-errors';

describe('upstream errors', () => {
  it("keeps a 4xx's status, message, type, param and retry-after in LiteLLM's message format", () => {
    const error = upstreamHttpError(
      'OpenAIException',
      429,
      '{"error":{"message":"Rate limit reached","type":"requests","param":null}}',
      '7',
    );
    expect(error.status).toBe(429);
    expect(error.message).toBe('litellm.RateLimitError: OpenAIException - Rate limit reached');
    expect(error.headers).toEqual({ 'retry-after': '7' });

    const bad = upstreamHttpError(
      'AzureException',
      400,
      '{"error":{"message":"bad","type":"invalid_request_error","param":"messages"}}',
      undefined,
    );
    expect(bad).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'messages' });
  });

  it('turns upstream 5xx into 502 (504 stays 504) and keeps a non-JSON body as text', () => {
    expect(upstreamHttpError('OpenAIException', 500, 'boom', undefined)).toMatchObject({
      status: 502,
      message: 'litellm.InternalServerError: OpenAIException - boom',
    });
    expect(upstreamHttpError('OpenAIException', 503, '', undefined).status).toBe(502);
    expect(upstreamHttpError('OpenAIException', 504, '', undefined).status).toBe(504);
  });

  it('maps timeouts to 504 and connection failures to 502', () => {
    expect(
      upstreamTransportError(
        'OpenAIException',
        Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
      ).status,
    ).toBe(504);
    expect(
      upstreamTransportError('OpenAIException', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))
        .status,
    ).toBe(502);
  });
});
