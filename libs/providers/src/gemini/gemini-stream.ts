import { GatewayError } from '@switchyard/kernel';

import { upstreamStreamError } from '../upstream/upstream-errors';
import { completionId, finishReason, openAiUsage, readParts } from './gemini-response';

type Json = Record<string, unknown>;

function streamError(what: string): GatewayError {
  return new GatewayError(`litellm.APIError: GeminiException - ${what}`, { status: 502, type: 'api_error' });
}

function parseEvent(data: string): Json {
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    throw streamError('a stream event is not JSON');
  }
  if (!event || typeof event !== 'object') throw streamError('a stream event is not a JSON object');
  const error = (event as Json).error as Json | undefined;
  if (error) throw upstreamStreamError('GeminiException', error);
  return event as Json;
}

/**
 * @hotpath Gemini's stream (each SSE `data` is a GenerateContentResponse delta) as OpenAI chat
 * chunks. Function calls arrive whole; tool-call indexes count calls per choice. The usage
 * chunk comes last, before [DONE]. A stream that ends before any finishReason was cut off.
 */
export async function* openAiChunks(events: AsyncIterable<string>, model: string): AsyncGenerator<string> {
  let id = '';
  const created = Math.floor(Date.now() / 1000);
  let usage: Json | undefined;
  let finished = false;
  const toolCounts = new Map<number, number>();
  const chunk = (index: number, delta: Json, finish: string | null = null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index, delta, logprobs: null, finish_reason: finish }],
    });

  for await (const data of events) {
    const event = parseEvent(data);
    if (!id) {
      id = completionId(event);
      yield chunk(0, { role: 'assistant', content: '' });
    }
    if (event.usageMetadata) usage = event.usageMetadata as Json;
    const candidates = (event.candidates as Json[] | undefined) ?? [];
    if (candidates.length === 0 && (event.promptFeedback as Json | undefined)?.blockReason) {
      finished = true;
      yield chunk(0, {}, 'content_filter');
    }
    for (const [position, candidate] of candidates.entries()) {
      const index = typeof candidate.index === 'number' ? candidate.index : position;
      const parts = (candidate.content as Json | undefined)?.parts as Json[] | undefined;
      const { text, reasoning, toolCalls } = readParts(parts);
      if (reasoning) yield chunk(index, { reasoning_content: reasoning });
      if (text) yield chunk(index, { content: text });
      if (toolCalls.length > 0) {
        const first = toolCounts.get(index) ?? 0;
        toolCounts.set(index, first + toolCalls.length);
        yield chunk(index, { tool_calls: toolCalls.map((call, n) => ({ index: first + n, ...call })) });
      }
      if (candidate.finishReason) {
        finished = true;
        yield chunk(index, {}, finishReason(candidate.finishReason, toolCounts.has(index)));
      }
    }
  }
  if (!finished) throw streamError('the stream ended before a finish reason (truncated response)');
  yield JSON.stringify({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [],
    usage: openAiUsage(usage),
  });
  yield '[DONE]';
}
