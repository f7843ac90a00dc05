import { GatewayError } from '@switchyard/kernel';
import { describe, expect, it } from 'vitest';

import { cacheControlsOf } from './cache-controls';
import { responseCacheKey } from './cache-key';
import { StreamAssembly } from './stream-assembly';
import { replayAsChunks } from './stream-replay';

const body = { messages: [{ role: 'user', content: 'hi' }], temperature: 0.5 };

describe('responseCacheKey', () => {
  it('depends on the group, the answer-changing fields and the scope, not on user, metadata or key order', () => {
    const key = responseCacheKey('chat', 'gpt', body, '', undefined);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(
      responseCacheKey(
        'chat',
        'gpt',
        { user: 'u', metadata: { a: 1 }, temperature: 0.5, messages: body.messages },
        '',
        undefined,
      ),
    ).toBe(key);
    expect(responseCacheKey('chat', 'gpt', { ...body, temperature: 0.6 }, '', undefined)).not.toBe(key);
    expect(responseCacheKey('chat', 'other', body, '', undefined)).not.toBe(key);
    expect(responseCacheKey('chat', 'gpt', body, 'team:a', undefined)).not.toBe(key);
    expect(responseCacheKey('chat', 'gpt', body, '', 'ns')).toBe(`ns:${key}`);
  });
});

describe('cacheControlsOf', () => {
  it("reads LiteLLM's controls and refuses malformed ones", () => {
    expect(cacheControlsOf({}, true)).toMatchObject({ lookup: true, store: true });
    expect(cacheControlsOf({ cache: { 'no-cache': true, ttl: 5 } }, true)).toMatchObject({
      lookup: false,
      store: true,
      ttlSeconds: 5,
    });
    expect(cacheControlsOf({ cache: { 'no-store': true, 's-maxage': 2 } }, true)).toMatchObject({
      store: false,
      maxAgeSeconds: 2,
    });
    expect(cacheControlsOf({ caching: false }, true)).toMatchObject({ lookup: false, store: false });
    expect(cacheControlsOf({}, false)).toMatchObject({ lookup: false });
    expect(cacheControlsOf({ cache: { 'use-cache': true } }, false)).toMatchObject({ lookup: true });
    expect(() => cacheControlsOf({ cache: 'yes' }, true)).toThrow(GatewayError);
    expect(() => cacheControlsOf({ cache: { ttl: -1 } }, true)).toThrow(/cache.ttl/);
  });
});

describe('stream replay and assembly', () => {
  it('replays a cached chat answer as chunks that assemble back to the same answer', async () => {
    const answer = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'gpt',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    };
    const assembly = new StreamAssembly('chat');
    const chunks: string[] = [];
    for await (const chunk of replayAsChunks(answer, 'chat')) {
      chunks.push(chunk);
      assembly.add(chunk);
    }
    expect(chunks.at(-1)).toBe('[DONE]');
    expect(assembly.result()).toEqual(answer);
  });

  it('assembles nothing from a truncated stream', () => {
    const assembly = new StreamAssembly('chat');
    assembly.add(JSON.stringify({ id: 'x', choices: [{ index: 0, delta: { content: 'partial' } }] }));
    expect(assembly.result()).toBeUndefined();
  });
});
