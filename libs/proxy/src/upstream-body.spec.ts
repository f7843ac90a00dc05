import { describe, expect, it } from 'vitest';

import { upstreamBody } from './upstream-body';

describe('upstreamBody', () => {
  it('keeps every OpenAI field, swaps the model and drops the gateway-only ones', () => {
    const body = {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'f' } }],
      response_format: { type: 'json_object' },
      user: 'u1',
      mock_response: 'x',
      metadata: { tags: ['a'] },
      tags: ['b'],
      fallbacks: ['other'],
      num_retries: 2,
    };
    expect(upstreamBody(body, 'gpt-4o-2024-08-06', false)).toEqual({
      model: 'gpt-4o-2024-08-06',
      messages: body.messages,
      tools: body.tools,
      response_format: body.response_format,
      user: 'u1',
    });
    expect(body.model).toBe('gpt-4o');
  });

  it('asks for usage on streams, keeping the client’s other stream options', () => {
    const out = upstreamBody(
      { model: 'm', stream: true, stream_options: { include_obfuscation: false } },
      'm',
      true,
    );
    expect(out.stream_options).toEqual({ include_obfuscation: false, include_usage: true });
    expect(
      upstreamBody({ model: 'm', stream: true, stream_options: null }, 'm', true).stream_options,
    ).toEqual({ include_usage: true });
  });
});
