import { GatewayError } from '@switchyard/kernel';
import { ClientDisconnect } from '@switchyard/providers';
import { describe, expect, it } from 'vitest';

import { clientFrame, type StreamState } from './stream-relay';

const state = (clientWantsUsage = false): StreamState => ({
  requestedModel: 'gpt-4o',
  clientWantsUsage,
  signal: new ClientDisconnect(),
  usage: undefined,
});

describe('clientFrame', () => {
  it('rewrites the model to the name the client asked for, leaving the rest byte for byte', () => {
    const data =
      '{"id":"x","model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"content":"\\"model\\":\\"no\\""}}]}';
    expect(clientFrame(data, state())).toBe(
      'data: {"id":"x","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"\\"model\\":\\"no\\""}}]}\n\n',
    );
  });

  it('passes a chunk already carrying the requested model through untouched', () => {
    const data = '{"model": "gpt-4o", "choices": []}';
    expect(clientFrame(data, state())).toBe(`data: ${data}\n\n`);
  });

  it('captures usage and hides the usage-only chunk from a client that did not ask for it', () => {
    const data =
      '{"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}';
    const hidden = state(false);
    expect(clientFrame(data, hidden)).toBeUndefined();
    expect(hidden.usage).toEqual({ prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });

    const shown = state(true);
    expect(clientFrame(data, shown)).toContain('"usage"');
    expect(shown.usage?.total_tokens).toBe(8);
  });

  it('returns null at [DONE]', () => {
    expect(clientFrame('[DONE]', state())).toBeNull();
  });

  it('turns a non-JSON chunk or an upstream error event into a 502 GatewayError', () => {
    expect(() => clientFrame('{not json', state())).toThrow(GatewayError);
    expect(() => clientFrame('{"error":{"message":"overloaded"}}', state())).toThrow(/overloaded/);
    try {
      clientFrame('"just a string"', state());
    } catch (error) {
      expect((error as GatewayError).status).toBe(502);
    }
  });
});
