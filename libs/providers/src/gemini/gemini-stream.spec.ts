import { describe, expect, it } from 'vitest';

import { openAiChunks } from './gemini-stream';

async function* from(...events: Array<object | string>): AsyncGenerator<string> {
  for (const event of events) yield typeof event === 'string' ? event : JSON.stringify(event);
}

async function collect(source: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of source) out.push(item);
  return out;
}

interface Chunk {
  id: string;
  object: string;
  model: string;
  choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>;
  usage?: Record<string, unknown>;
}

const textEvent = (text: string, extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0, ...extra }],
  usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'r-1',
});

describe('Gemini streamGenerateContent (alt=sse) → OpenAI chunks', () => {
  it('streams thoughts and text deltas, then the finish chunk, the usage chunk and [DONE]', async () => {
    const chunks = await collect(
      openAiChunks(
        from(
          {
            candidates: [
              { content: { parts: [{ text: 'Thinking…', thought: true }], role: 'model' }, index: 0 },
            ],
            usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 },
            modelVersion: 'gemini-2.5-flash',
            responseId: 'r-1',
          },
          textEvent('Hello'),
          {
            ...textEvent(' there!', { finishReason: 'STOP' }),
            usageMetadata: {
              promptTokenCount: 5,
              candidatesTokenCount: 12,
              totalTokenCount: 40,
              thoughtsTokenCount: 23,
            },
          },
        ),
        'gemini-2.5-flash',
      ),
    );
    expect(chunks.at(-1)).toBe('[DONE]');
    const parsed = chunks.slice(0, -1).map((c) => JSON.parse(c) as Chunk);
    expect(parsed.every((c) => c.id === 'r-1' && c.object === 'chat.completion.chunk')).toBe(true);
    expect(parsed.map((c) => c.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: 'Thinking…' },
      { content: 'Hello' },
      { content: ' there!' },
      {},
      undefined,
    ]);
    expect(parsed[4]?.choices[0]?.finish_reason).toBe('stop');
    expect(parsed[5]?.choices).toEqual([]);
    expect(parsed[5]?.usage).toMatchObject({
      prompt_tokens: 5,
      completion_tokens: 35,
      total_tokens: 40,
      completion_tokens_details: { reasoning_tokens: 23 },
    });
  });

  it('emits whole function calls indexed by call, with finish_reason tool_calls', async () => {
    const chunks = await collect(
      openAiChunks(
        from({
          candidates: [
            {
              content: {
                parts: [
                  { functionCall: { name: 'get_weather', args: { location: 'Paris' } } },
                  { functionCall: { name: 'get_time', args: { zone: 'CET' } } },
                ],
                role: 'model',
              },
              finishReason: 'STOP',
              index: 0,
            },
          ],
          usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 10, totalTokenCount: 40 },
        }),
        'gemini-2.5-flash',
      ),
    );
    const parsed = chunks.slice(0, -1).map((c) => JSON.parse(c) as Chunk);
    expect(parsed[1]?.choices[0]?.delta).toEqual({
      tool_calls: [
        {
          index: 0,
          id: expect.stringMatching(/^call_/),
          type: 'function',
          function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
        },
        {
          index: 1,
          id: expect.stringMatching(/^call_/),
          type: 'function',
          function: { name: 'get_time', arguments: '{"zone":"CET"}' },
        },
      ],
    });
    expect(parsed[2]?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(parsed[3]?.usage).toMatchObject({ prompt_tokens: 30, completion_tokens: 10 });
  });

  it('finishes a blocked prompt with content_filter', async () => {
    const chunks = await collect(
      openAiChunks(
        from({
          promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
          usageMetadata: { promptTokenCount: 4 },
        }),
        'm',
      ),
    );
    expect((JSON.parse(chunks[1] ?? '') as Chunk).choices[0]?.finish_reason).toBe('content_filter');
    expect(chunks.at(-1)).toBe('[DONE]');
  });

  it('throws a 502 GeminiException when the stream ends without a finish reason', async () => {
    const seen: string[] = [];
    const stream = openAiChunks(from(textEvent('Hel')), 'm');
    await expect(
      (async () => {
        for await (const chunk of stream) seen.push(chunk);
      })(),
    ).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/^litellm\.APIError: GeminiException - .*truncated/),
    });
    expect(seen).toHaveLength(2);
  });

  it('throws a 502 GeminiException on an event that is not JSON or reports an error', async () => {
    await expect(collect(openAiChunks(from(textEvent('a'), '{"candidates":['), 'm'))).rejects.toMatchObject({
      status: 502,
      message: 'litellm.APIError: GeminiException - a stream event is not JSON',
    });
    await expect(
      collect(
        openAiChunks(from({ error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }), 'm'),
      ),
    ).rejects.toMatchObject({ status: 502, message: 'litellm.APIError: GeminiException - Internal error' });
  });
});
