import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';

import { eventStreamMessages } from './bedrock-event-stream';
import { openAiChunks } from './bedrock-stream';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

function str(value: string) {
  return { type: 'string' as const, value };
}

function event(type: string, payload: object): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': str(type),
      ':content-type': str('application/json'),
      ':message-type': str('event'),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

function exception(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': str(type),
      ':content-type': str('application/json'),
      ':message-type': str('exception'),
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** The frames as one byte string cut every `size` bytes, as a network might deliver them. */
async function* chunked(frames: Uint8Array[], size: number): AsyncGenerator<Uint8Array> {
  const all = Buffer.concat(frames);
  for (let at = 0; at < all.length; at += size) yield all.subarray(at, at + size);
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

const textAnswer = [
  event('messageStart', { p: 'abcd', role: 'assistant' }),
  event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello ' }, p: 'abc' }),
  event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'from ' }, p: 'abcdefg' }),
  event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Bedrock' }, p: 'ab' }),
  event('contentBlockStop', { contentBlockIndex: 0, p: 'abcdefghijk' }),
  event('messageStop', { p: 'abcdef', stopReason: 'end_turn' }),
  event('metadata', {
    metrics: { latencyMs: 307 },
    p: 'abc',
    usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 },
  }),
];

describe('AWS event-stream decoding', () => {
  it.each([1, 3, 17, 64, 100_000])('decodes whole messages from chunks of %i bytes', async (size) => {
    const messages = await collect(eventStreamMessages(chunked(textAnswer, size)));
    expect(messages.map((m) => m.headers[':event-type'])).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(JSON.parse(messages[1]?.body ?? '')).toMatchObject({ delta: { text: 'Hello ' } });
  });

  it('fails with a 502 on a message whose CRC does not match', async () => {
    const bad = Buffer.from(event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } }));
    bad[bad.length - 10] = (bad[bad.length - 10] ?? 0) ^ 0xff;
    const read = collect(eventStreamMessages(chunked([textAnswer[0] as Uint8Array, bad], 5)));
    await expect(read).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining('litellm.APIError: BedrockException - the event stream is corrupt'),
    });
  });

  it('fails fast on a corrupt prelude and on a stream cut inside a message', async () => {
    const badPrelude = Buffer.from(textAnswer[0] as Uint8Array);
    badPrelude[1] = 0x7f;
    await expect(collect(eventStreamMessages(chunked([badPrelude], 12)))).rejects.toMatchObject({
      status: 502,
    });
    const cut = Buffer.from(textAnswer[1] as Uint8Array).subarray(0, 20);
    await expect(
      collect(eventStreamMessages(chunked([textAnswer[0] as Uint8Array, cut], 7))),
    ).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining('ended inside a message'),
    });
  });
});

describe('ConverseStream → OpenAI chunks', () => {
  const chunks = (frames: Uint8Array[], jsonMode = false) =>
    collect(openAiChunks(eventStreamMessages(chunked(frames, 13)), MODEL, jsonMode));

  it('streams text with the role first, the finish reason, the usage chunk last and [DONE]', async () => {
    const out = await chunks(textAnswer);
    expect(out.at(-1)).toBe('[DONE]');
    const parsed = out.slice(0, -1).map((c) => JSON.parse(c) as Record<string, unknown>);
    expect(parsed[0]).toMatchObject({
      object: 'chat.completion.chunk',
      model: MODEL,
      choices: [{ delta: { role: 'assistant', content: '' } }],
    });
    const text = parsed.map(
      (c) => (c.choices as Array<{ delta?: { content?: string } }>)[0]?.delta?.content ?? '',
    );
    expect(text.join('')).toBe('Hello from Bedrock');
    expect(parsed.at(-2)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }] });
    expect(parsed.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    });
    expect(new Set(parsed.map((c) => c.id)).size).toBe(1);
  });

  it('streams a tool call with its arguments arriving piece by piece', async () => {
    const out = await chunks([
      event('messageStart', { role: 'assistant' }),
      event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Checking.' } }),
      event('contentBlockStop', { contentBlockIndex: 0 }),
      event('contentBlockStart', {
        contentBlockIndex: 1,
        start: { toolUse: { toolUseId: 'tooluse_abc', name: 'get_weather' } },
      }),
      event('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"locat' } } }),
      event('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: 'ion":"Paris"}' } } }),
      event('contentBlockStop', { contentBlockIndex: 1 }),
      event('messageStop', { stopReason: 'tool_use' }),
      event('metadata', { usage: { inputTokens: 11, outputTokens: 7 } }),
    ]);
    const deltas = out
      .slice(0, -1)
      .map(
        (c) =>
          (JSON.parse(c) as { choices: Array<{ delta: Record<string, unknown>; finish_reason: unknown }> })
            .choices[0],
      );
    const calls = deltas.flatMap(
      (d) => (d?.delta.tool_calls as Array<Record<string, unknown>> | undefined) ?? [],
    );
    expect(calls[0]).toEqual({
      index: 0,
      id: 'tooluse_abc',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const args = calls.map((c) => (c.function as { arguments: string }).arguments).join('');
    expect(JSON.parse(args)).toEqual({ location: 'Paris' });
    expect(calls.every((c) => c.index === 0)).toBe(true);
    expect(deltas.find((d) => d?.finish_reason)?.finish_reason).toBe('tool_calls');
  });

  it('streams reasoning, and the JSON tool input as content in JSON mode', async () => {
    const out = await chunks(
      [
        event('messageStart', { role: 'assistant' }),
        event('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Hmm.' } } }),
        event('contentBlockDelta', {
          contentBlockIndex: 0,
          delta: { reasoningContent: { signature: 'EqoB' } },
        }),
        event('contentBlockStart', {
          contentBlockIndex: 1,
          start: { toolUse: { toolUseId: 't', name: 'json_tool_call' } },
        }),
        event('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"a":1}' } } }),
        event('messageStop', { stopReason: 'tool_use' }),
        event('metadata', { usage: { inputTokens: 1, outputTokens: 1 } }),
      ],
      true,
    );
    const deltas = out
      .slice(0, -1)
      .map((c) => (JSON.parse(c) as { choices: Array<Record<string, unknown>> }).choices[0]);
    expect(deltas).toContainEqual(expect.objectContaining({ delta: { reasoning_content: 'Hmm.' } }));
    expect(deltas).toContainEqual(expect.objectContaining({ delta: { content: '{"a":1}' } }));
    expect(deltas.find((d) => d?.finish_reason)?.finish_reason).toBe('stop');
  });

  it('turns an exception frame into the error it stands for', async () => {
    const throttled = chunks([
      event('messageStart', { role: 'assistant' }),
      exception('throttlingException', 'Too many requests, please wait before trying again.'),
    ]);
    await expect(throttled).rejects.toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      message: expect.stringContaining('BedrockException - throttlingException: Too many requests'),
    });
    await expect(chunks([exception('validationException', 'bad input')])).rejects.toMatchObject({
      status: 400,
    });
    await expect(chunks([exception('modelStreamErrorException', 'oops')])).rejects.toMatchObject({
      status: 502,
    });
    await expect(chunks([exception('serviceUnavailableException', 'busy')])).rejects.toMatchObject({
      status: 503,
    });
  });

  it('fails with a 502 when the stream ends before messageStop', async () => {
    await expect(chunks(textAnswer.slice(0, 3))).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining('ended before messageStop'),
    });
  });
});
