import { describe, expect, it } from 'vitest';

import { bedrockHttpError, streamExceptionError } from '../bedrock/bedrock-errors';
import {
  redactSecrets,
  upstreamHttpError,
  upstreamStreamError,
  upstreamTransportError,
} from './upstream-errors';

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

/** Error bodies as the providers send them. */
const BODIES = {
  openaiContext: JSON.stringify({
    error: {
      message:
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130517 tokens. Please reduce the length of the messages.",
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    },
  }),
  openaiResponsesContext: JSON.stringify({
    error: {
      message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
      type: 'invalid_request_error',
      param: 'input',
      code: 'context_length_exceeded',
    },
  }),
  vllmContext: JSON.stringify({
    object: 'error',
    message:
      "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.",
    type: 'BadRequestError',
    param: null,
    code: 400,
  }),
  ollamaContext: JSON.stringify({
    error: {
      message: 'the input length exceeds the context length',
      type: 'api_error',
      param: null,
      code: null,
    },
  }),
  llamaCppContext: JSON.stringify({
    error: {
      code: 400,
      message: 'the request exceeds the available context size, try increasing it',
      type: 'exceed_context_size_error',
      n_prompt_tokens: 5000,
      n_ctx: 4096,
    },
  }),
  anthropicContext: JSON.stringify({
    type: 'error',
    error: { type: 'invalid_request_error', message: 'prompt is too long: 208310 tokens > 200000 maximum' },
    request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
  }),
  geminiContext: JSON.stringify({
    error: {
      code: 400,
      message: 'The input token count (1196265) exceeds the maximum number of tokens allowed (1048576).',
      status: 'INVALID_ARGUMENT',
    },
  }),
  vertexContext: JSON.stringify({
    error: {
      code: 400,
      message:
        'Unable to submit request because the input token count is 1196265 but model only supports up to 1048576. Reduce the input token count and try again.',
      status: 'INVALID_ARGUMENT',
    },
  }),
  azureContentFilter: JSON.stringify({
    error: {
      message:
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
      type: null,
      param: 'prompt',
      code: 'content_filter',
      status: 400,
      innererror: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_result: {
          hate: { filtered: false, severity: 'safe' },
          jailbreak: { filtered: true, detected: true },
          self_harm: { filtered: false, severity: 'safe' },
          sexual: { filtered: false, severity: 'safe' },
          violence: { filtered: false, severity: 'safe' },
        },
      },
    },
  }),
  openaiContentPolicy: JSON.stringify({
    error: {
      code: 'content_policy_violation',
      message:
        'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
      param: null,
      type: 'invalid_request_error',
    },
  }),
  anthropicOverloaded: JSON.stringify({
    type: 'error',
    error: { type: 'overloaded_error', message: 'Overloaded' },
    request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
  }),
  geminiOverloaded: JSON.stringify({
    error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' },
  }),
  geminiQuota: JSON.stringify({
    error: {
      code: 429,
      message: 'You exceeded your current quota, please check your plan and billing details.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37.5s' },
      ],
    },
  }),
  anthropicRateLimit: JSON.stringify({
    type: 'error',
    error: {
      type: 'rate_limit_error',
      message:
        'This request would exceed the rate limit for your organization of 50 input tokens per minute.',
    },
  }),
  azureRateLimit: JSON.stringify({
    error: {
      code: '429',
      message:
        'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.',
    },
  }),
  openaiBadKey: JSON.stringify({
    error: {
      message:
        'Incorrect API key provided: sk-abc***xyz. You can find your API key at https://platform.openai.com/account/api-keys.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
  }),
  anthropicBadKey: JSON.stringify({
    type: 'error',
    error: { type: 'authentication_error', message: 'invalid x-api-key' },
  }),
};

describe('context window exceeded', () => {
  it.each([
    ['OpenAIException', BODIES.openaiContext, 400, "This model's maximum context length is 128000 tokens."],
    ['OpenAIException', BODIES.openaiResponsesContext, 400, 'Your input exceeds the context window'],
    ['AzureException', BODIES.openaiContext, 400, "This model's maximum context length is 128000 tokens."],
    ['OpenAIException', BODIES.vllmContext, 400, "This model's maximum context length is 4096 tokens."],
    ['OpenAIException', BODIES.ollamaContext, 500, 'the input length exceeds the context length'],
    ['OpenAIException', BODIES.llamaCppContext, 400, 'the request exceeds the available context size'],
    [
      'AnthropicException',
      BODIES.anthropicContext,
      400,
      'prompt is too long: 208310 tokens > 200000 maximum',
    ],
    ['GeminiException', BODIES.geminiContext, 400, 'The input token count (1196265) exceeds the maximum'],
    ['GeminiException', BODIES.vertexContext, 400, 'Unable to submit request because the input token count'],
  ])('%s %#: a 400 ContextWindowExceededError', (label, body, status, message) => {
    const error = upstreamHttpError(label, status, body, undefined);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect(error.message).toMatch(new RegExp(`^litellm\\.ContextWindowExceededError: ${label} - `));
    expect(error.message).toContain(message);
  });

  it("keeps OpenAI's param and message exactly", () => {
    expect(upstreamHttpError('OpenAIException', 400, BODIES.openaiContext, undefined)).toMatchObject({
      param: 'messages',
      message:
        "litellm.ContextWindowExceededError: OpenAIException - This model's maximum context length is 128000 tokens. However, your messages resulted in 130517 tokens. Please reduce the length of the messages.",
    });
  });

  it.each([
    ['ValidationException', 'Input is too long for requested model.'],
    ['ValidationException', 'Too many input tokens. Max input tokens: 8192, request input token count: 9000'],
    ['ValidationException', 'Input token count exceeds the maximum number of tokens allowed for this model.'],
    [
      undefined,
      'Malformed input request: #/texts/0: expected maxLength: 2048, actual: 5000, please reformat your input and try again.',
    ],
    ['ValidationException', 'prompt is too long: 205000 tokens > 200000 maximum'],
  ])('Bedrock %s "%s": a 400 ContextWindowExceededError', (errorType, message) => {
    const error = bedrockHttpError(400, JSON.stringify({ message }), errorType, undefined);
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      message: `litellm.ContextWindowExceededError: BedrockException - ${message}`,
    });
  });

  it('recognises a too-long input in a Bedrock stream exception frame', () => {
    expect(
      streamExceptionError('validationException', '{"message":"Input is too long for requested model."}'),
    ).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      message:
        'litellm.ContextWindowExceededError: BedrockException - validationException: Input is too long for requested model.',
    });
  });

  it('leaves other 400s, rate limits and auth errors that mention tokens alone', () => {
    const maxTokens = JSON.stringify({
      error: {
        message:
          'max_tokens is too large: 5000. This model supports at most 4096 completion tokens, whereas you provided 5000.',
        type: 'invalid_request_error',
        param: 'max_tokens',
        code: null,
      },
    });
    expect(upstreamHttpError('OpenAIException', 400, maxTokens, undefined).message).toMatch(
      /^litellm\.BadRequestError: /,
    );
    const tpm = JSON.stringify({
      error: {
        message:
          'Request too large for gpt-4o on tokens per min (TPM): Limit 30000, Requested 130517. The input or output tokens must be reduced in order to run successfully.',
        type: 'tokens',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    expect(upstreamHttpError('OpenAIException', 429, tpm, '2')).toMatchObject({
      status: 429,
      type: 'tokens',
      message: expect.stringMatching(/^litellm\.RateLimitError: /),
    });
    const tooLarge = JSON.stringify({
      type: 'error',
      error: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
    });
    expect(upstreamHttpError('AnthropicException', 413, tooLarge, undefined)).toMatchObject({ status: 413 });
    const bedrockMaxTokens =
      'The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.';
    expect(
      bedrockHttpError(400, JSON.stringify({ message: bedrockMaxTokens }), 'ValidationException', undefined)
        .message,
    ).toBe(`litellm.BadRequestError: BedrockException - ${bedrockMaxTokens}`);
    // "too long" alone is Bedrock's phrasing only.
    const other = JSON.stringify({ error: { message: "Invalid 'tools[0].function.name': string too long" } });
    expect(upstreamHttpError('OpenAIException', 400, other, undefined).message).toMatch(
      /^litellm\.BadRequestError/,
    );
    expect(
      bedrockHttpError(
        400,
        '{"message":"The provided model identifier is invalid."}',
        'ValidationException',
        undefined,
      ).message,
    ).toMatch(/^litellm\.BadRequestError/);
  });
});

describe('content policy violation', () => {
  it("maps Azure's content_filter to a 400 ContentPolicyViolationError, without innererror in the message", () => {
    const error = upstreamHttpError('AzureException', 400, BODIES.azureContentFilter, undefined);
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'prompt',
      message:
        "litellm.ContentPolicyViolationError: AzureException - The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
    });
    expect(error.message).not.toContain('innererror');
    expect(error.message).not.toContain('jailbreak');
  });

  it.each([
    ['OpenAIException', BODIES.openaiContentPolicy],
    [
      'OpenAIException',
      JSON.stringify({
        error: {
          message: 'Invalid prompt: your prompt was flagged as potentially violating our usage policy.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_prompt',
        },
      }),
    ],
    [
      'AnthropicException',
      JSON.stringify({
        type: 'error',
        error: { type: 'invalid_request_error', message: 'Output blocked by content filtering policy' },
      }),
    ],
  ])('%s %#: a 400 ContentPolicyViolationError', (label, body) => {
    expect(upstreamHttpError(label, 400, body, undefined)).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      message: expect.stringMatching(new RegExp(`^litellm\\.ContentPolicyViolationError: ${label} - `)),
    });
  });

  it.each([
    'This request has been blocked by our content filters.',
    'The generated text has been blocked by our content filters.',
    'Your request was blocked by the guardrail.',
  ])('Bedrock "%s": a 400 ContentPolicyViolationError', (message) => {
    expect(
      bedrockHttpError(400, JSON.stringify({ message }), 'ValidationException', undefined),
    ).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      message: `litellm.ContentPolicyViolationError: BedrockException - ${message}`,
    });
  });

  it('keeps a guardrail configuration error a BadRequestError', () => {
    const message = 'The guardrail identifier or version provided in the request does not exist.';
    expect(bedrockHttpError(400, JSON.stringify({ message }), 'ValidationException', undefined).message).toBe(
      `litellm.BadRequestError: BedrockException - ${message}`,
    );
  });
});

describe('overloaded upstreams', () => {
  it("maps Anthropic's 529 overloaded_error to a 503 InternalServerError", () => {
    expect(upstreamHttpError('AnthropicException', 529, BODIES.anthropicOverloaded, undefined)).toMatchObject(
      {
        status: 503,
        type: 'api_error',
        message: 'litellm.InternalServerError: AnthropicException - Overloaded',
      },
    );
  });

  it("maps Gemini's 503 UNAVAILABLE and Bedrock's ServiceUnavailableException to a 503", () => {
    expect(upstreamHttpError('GeminiException', 503, BODIES.geminiOverloaded, undefined)).toMatchObject({
      status: 503,
      type: 'api_error',
      message:
        'litellm.ServiceUnavailableError: GeminiException - The model is overloaded. Please try again later.',
    });
    expect(
      bedrockHttpError(
        503,
        '{"message":"Bedrock is unable to process your request."}',
        'ServiceUnavailableException:http://internal.amazon.com/coral/com.amazon.bedrock/',
        undefined,
      ),
    ).toMatchObject({
      status: 503,
      type: 'api_error',
      message:
        'litellm.ServiceUnavailableError: BedrockException - Bedrock is unable to process your request.',
    });
    expect(bedrockHttpError(503, '', 'ServiceUnavailableException', undefined)).toMatchObject({
      status: 503,
    });
    const openai =
      '{"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error"}}';
    expect(upstreamHttpError('OpenAIException', 503, openai, undefined).status).toBe(503);
  });

  it('keeps other 5xx at 502 (504 at 504)', () => {
    const internal = JSON.stringify({
      error: { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' },
    });
    expect(upstreamHttpError('GeminiException', 500, internal, undefined).status).toBe(502);
    const apiError = JSON.stringify({
      type: 'error',
      error: { type: 'api_error', message: 'Internal server error' },
    });
    expect(upstreamHttpError('AnthropicException', 500, apiError, undefined)).toMatchObject({
      status: 502,
      message: 'litellm.InternalServerError: AnthropicException - Internal server error',
    });
    expect(upstreamHttpError('OpenAIException', 503, 'no healthy upstream', undefined).status).toBe(502);
    expect(bedrockHttpError(500, '{"message":"boom"}', 'InternalServerException', undefined).status).toBe(
      502,
    );
  });
});

describe('stream errors', () => {
  it("maps Anthropic's error events as their HTTP equivalents", () => {
    expect(
      upstreamStreamError('AnthropicException', { type: 'overloaded_error', message: 'Overloaded' }),
    ).toMatchObject({
      status: 503,
      type: 'api_error',
      message: 'litellm.InternalServerError: AnthropicException - Overloaded',
    });
    expect(
      upstreamStreamError('AnthropicException', { type: 'rate_limit_error', message: 'Rate limited' }),
    ).toMatchObject({ status: 429, message: 'litellm.RateLimitError: AnthropicException - Rate limited' });
    expect(
      upstreamStreamError('AnthropicException', { type: 'api_error', message: 'Internal server error' }),
    ).toMatchObject({ status: 502, message: 'litellm.APIError: AnthropicException - Internal server error' });
    expect(upstreamStreamError('AnthropicException', undefined)).toMatchObject({
      status: 502,
      message: 'litellm.APIError: AnthropicException - stream error',
    });
  });

  it("maps Gemini's error chunks by their code", () => {
    expect(
      upstreamStreamError('GeminiException', {
        code: 503,
        message: 'The model is overloaded.',
        status: 'UNAVAILABLE',
      }),
    ).toMatchObject({ status: 503 });
    expect(
      upstreamStreamError('GeminiException', { code: 500, message: 'Internal error', status: 'INTERNAL' }),
    ).toMatchObject({ status: 502, message: 'litellm.APIError: GeminiException - Internal error' });
  });

  it('maps a Bedrock serviceUnavailableException frame to a 503', () => {
    expect(streamExceptionError('serviceUnavailableException', '{"message":"busy"}')).toMatchObject({
      status: 503,
      message: 'litellm.ServiceUnavailableError: BedrockException - serviceUnavailableException: busy',
    });
  });
});

describe('rate limits', () => {
  it("passes Anthropic's retry-after and Azure's retry-after-ms, deriving retry-after when only ms is sent", () => {
    expect(
      upstreamHttpError('AnthropicException', 429, BODIES.anthropicRateLimit, { 'retry-after': '12' })
        .headers,
    ).toEqual({ 'retry-after': '12' });
    expect(
      upstreamHttpError('AzureException', 429, BODIES.azureRateLimit, {
        'retry-after': '6',
        'retry-after-ms': '5400',
      }).headers,
    ).toEqual({ 'retry-after': '6', 'retry-after-ms': '5400' });
    expect(
      upstreamHttpError('AzureException', 429, BODIES.azureRateLimit, { 'retry-after-ms': '5400' }).headers,
    ).toEqual({ 'retry-after': '6', 'retry-after-ms': '5400' });
    expect(upstreamHttpError('OpenAIException', 429, '{}', {}).headers).toBeUndefined();
  });

  it("takes Gemini's RetryInfo delay when no header says when to retry", () => {
    const error = upstreamHttpError('GeminiException', 429, BODIES.geminiQuota, undefined);
    expect(error).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      headers: { 'retry-after': '38' },
      message:
        'litellm.RateLimitError: GeminiException - You exceeded your current quota, please check your plan and billing details.',
    });
  });
});

describe('auth errors', () => {
  it('keeps 401/403 as Authentication/PermissionDenied errors with the upstream masking', () => {
    expect(upstreamHttpError('OpenAIException', 401, BODIES.openaiBadKey, undefined)).toMatchObject({
      status: 401,
      message: expect.stringMatching(
        /^litellm\.AuthenticationError: OpenAIException - Incorrect API key provided: sk-abc\*\*\*xyz\./,
      ),
    });
    expect(upstreamHttpError('AnthropicException', 401, BODIES.anthropicBadKey, undefined)).toMatchObject({
      status: 401,
      message: 'litellm.AuthenticationError: AnthropicException - invalid x-api-key',
    });
    const denied = JSON.stringify({
      error: {
        code: 403,
        message: "Method doesn't allow unregistered callers.",
        status: 'PERMISSION_DENIED',
      },
    });
    expect(upstreamHttpError('GeminiException', 403, denied, undefined).message).toMatch(
      /^litellm\.PermissionDeniedError: GeminiException - /,
    );
  });

  it('never lets an unmasked key through', () => {
    const leaked = JSON.stringify({
      error: {
        message:
          'Invalid key sk-proj-abcdefghijklmnopqrstuvwxyz0123 for https://x/v1?key=AIzaSyA1234567890abcdefghijklmnopqrstu',
      },
    });
    const message = upstreamHttpError('OpenAIException', 401, leaked, undefined).message;
    expect(message).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(message).not.toContain('AIzaSyA1234567890');
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnopqrstuvwxyz')).toBe(
      'Authorization: Bearer ***',
    );
    expect(redactSecrets('Incorrect API key provided: sk-abc***xyz.')).toBe(
      'Incorrect API key provided: sk-abc***xyz.',
    );
  });
});
