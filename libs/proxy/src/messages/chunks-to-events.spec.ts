import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { GatewayError } from '@switchyard/kernel';
import { describe, expect, it } from 'vitest';

import { messageEventsFromChunks } from './chunks-to-events';

type Json = Record<string, unknown>;

function chunk(delta: object, finishReason: string | null = null): string {
  return JSON.stringify({
    id: 'chatcmpl-42',
    object: 'chat.completion.chunk',
    created: 1_760_000_000,
    model: 'gpt-4o',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  });
}

const usageChunk = JSON.stringify({
  id: 'chatcmpl-42',
  object: 'chat.completion.chunk',
  created: 1_760_000_000,
  model: 'gpt-4o',
  choices: [],
  usage: {
    prompt_tokens: 50,
    completion_tokens: 12,
    total_tokens: 62,
    prompt_tokens_details: { cached_tokens: 30 },
  },
});

async function* from(...items: string[]): AsyncGenerator<string> {
  for (const item of items) yield item;
}

async function events(...items: string[]): Promise<RawMessageStreamEvent[]> {
  const out: RawMessageStreamEvent[] = [];
  for await (const data of messageEventsFromChunks(from(...items), 'claude-sonnet-4-5'))
    out.push(JSON.parse(data) as RawMessageStreamEvent);
  return out;
}

/** Rebuilds the message as Anthropic's SDK does, failing on a delta or stop for a block that is not open. */
function accumulate(stream: RawMessageStreamEvent[]): Json {
  let message: Json = {};
  const content: Json[] = [];
  const json = new Map<number, string>();
  let open: number | undefined;
  for (const event of stream) {
    if (event.type === 'message_start') message = { ...event.message, content };
    else if (event.type === 'content_block_start') {
      expect(open).toBeUndefined();
      expect(event.index).toBe(content.length);
      content.push({ ...event.content_block });
      open = event.index;
    } else if (event.type === 'content_block_delta') {
      expect(event.index).toBe(open);
      const block = content[event.index] as Json;
      if (event.delta.type === 'text_delta') block.text = String(block.text) + event.delta.text;
      if (event.delta.type === 'thinking_delta')
        block.thinking = String(block.thinking) + event.delta.thinking;
      if (event.delta.type === 'input_json_delta')
        json.set(event.index, (json.get(event.index) ?? '') + event.delta.partial_json);
    } else if (event.type === 'content_block_stop') {
      expect(event.index).toBe(open);
      const text = json.get(event.index);
      if (text !== undefined) (content[event.index] as Json).input = JSON.parse(text) as unknown;
      open = undefined;
    } else if (event.type === 'message_delta') message = { ...message, ...event.delta, usage: event.usage };
  }
  expect(open).toBeUndefined();
  return message;
}

async function failure(...items: string[]): Promise<GatewayError> {
  const error = await events(...items).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe('OpenAI chat chunks → Anthropic stream events', () => {
  it('streams reasoning then text, and holds message_delta until the usage chunk', async () => {
    const stream = await events(
      chunk({ role: 'assistant', content: '' }),
      chunk({ reasoning_content: 'The user ' }),
      chunk({ reasoning_content: 'greets.' }),
      chunk({ content: 'Hello' }),
      chunk({ content: ' there!' }),
      chunk({}, 'stop'),
      usageChunk,
      '[DONE]',
    );
    expect(stream.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(stream[0]).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_chatcmpl-42',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    });
    expect(stream[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    });
    expect(stream[6]).toEqual({
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'text_delta', text: 'Hello' },
    });
    expect(stream[9]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 20,
        output_tokens: 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 30,
      },
    });
    expect(accumulate(stream).content).toEqual([
      { type: 'thinking', thinking: 'The user greets.', signature: '' },
      { type: 'text', text: 'Hello there!' },
    ]);
  });

  it('turns two parallel tool calls with fragmented arguments into two tool_use blocks', async () => {
    const call = (index: number, fields: object) => chunk({ tool_calls: [{ index, ...fields }] });
    const stream = await events(
      chunk({ role: 'assistant', content: null }),
      chunk({ content: 'Checking.' }),
      call(0, { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } }),
      call(0, { function: { arguments: '{"ci' } }),
      call(0, { function: { arguments: 'ty":"Paris"}' } }),
      call(1, { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"city":' } }),
      call(1, { function: { arguments: '"Rome"}' } }),
      chunk({}, 'tool_calls'),
      usageChunk,
      '[DONE]',
    );
    expect(stream.filter((event) => event.type === 'content_block_start')).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'call_a', name: 'weather', input: {} },
      },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'call_b', name: 'weather', input: {} },
      },
    ]);
    expect(stream).toContainEqual({
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'input_json_delta', partial_json: '{"ci' },
    });
    const message = accumulate(stream);
    expect(message.content).toEqual([
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'call_a', name: 'weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_b', name: 'weather', input: { city: 'Rome' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(stream.at(-1)).toEqual({ type: 'message_stop' });
  });

  it('ends at [DONE] or the end of the source when no usage chunk comes', async () => {
    for (const tail of [['[DONE]'], []]) {
      const stream = await events(chunk({ content: 'Cut' }), chunk({}, 'length'), ...tail);
      expect(stream.slice(-3)).toEqual([
        { type: 'content_block_stop', index: 0 },
        {
          type: 'message_delta',
          delta: { stop_reason: 'max_tokens', stop_sequence: null },
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
        { type: 'message_stop' },
      ]);
    }
  });

  it('ends at once when usage comes with the finish_reason, and drains what follows', async () => {
    const finishWithUsage = JSON.stringify({
      ...(JSON.parse(chunk({}, 'stop')) as Json),
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    });
    const stream = await events(
      chunk({ content: 'Hi' }),
      finishWithUsage,
      'not json after the end',
      '[DONE]',
    );
    expect(stream.map((event) => event.type).slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(stream.at(-2)).toMatchObject({ usage: { input_tokens: 5, output_tokens: 2 } });
  });

  it('throws a 502 when the stream is truncated, not JSON, or carries an error', async () => {
    const truncated = await failure(chunk({ content: 'Half an ans' }));
    expect(truncated).toMatchObject({ status: 502, type: 'api_error' });
    expect(truncated.message).toMatch(/^litellm\.APIError: .*finish_reason/);
    expect(await failure('[DONE]')).toMatchObject({ status: 502 });
    const invalid = await failure(chunk({ content: 'a' }), '{"choices": [');
    expect(invalid).toMatchObject({ status: 502, type: 'api_error' });
    expect(invalid.message).toMatch(/^litellm\.APIError: .*not JSON/);
    const upstream = await failure(JSON.stringify({ error: { message: 'model overloaded', code: 503 } }));
    expect(upstream.message).toBe('litellm.APIError: model overloaded');
  });
});
