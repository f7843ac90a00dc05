import { GatewayError } from '@switchyard/kernel';

import {
  anthropicMessageId,
  anthropicUsageFromChat,
  reasoningText,
  stopReasonFromChat,
} from './chat-to-message';
import { ContentBlocks, streamEvent } from './content-blocks';
import { isObject, type Json } from './json-shapes';

function upstreamError(detail: string): GatewayError {
  return new GatewayError(`litellm.APIError: ${detail}`, { status: 502, type: 'api_error' });
}

function parseChunk(data: string): Json {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    throw upstreamError('the upstream sent a stream chunk that is not JSON');
  }
  if (!isObject(chunk)) throw upstreamError('the upstream sent a stream chunk that is not an object');
  if (chunk.error !== undefined && chunk.error !== null) {
    const message = isObject(chunk.error) ? chunk.error.message : chunk.error;
    throw upstreamError(typeof message === 'string' ? message : 'the upstream reported an error mid-stream');
  }
  return chunk;
}

function messageStart(chunk: Json, model: string): string {
  const message = {
    id: anthropicMessageId(chunk.id),
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: anthropicUsageFromChat(chunk.usage),
  };
  return streamEvent({ type: 'message_start', message });
}

/**
 * @hotpath OpenAI chat.completion.chunk payloads as Anthropic stream events (JSON, each with a
 * `type`). OpenAI sends usage after the finish_reason chunk and Anthropic puts it in
 * `message_delta`, so the end of the message waits for the usage chunk, [DONE] or the end.
 */
export async function* messageEventsFromChunks(
  chunks: AsyncIterable<string>,
  model: string,
): AsyncGenerator<string> {
  const blocks = new ContentBlocks();
  let started = false;
  let finishReason: string | undefined;
  let usage: unknown;
  let ended = false;
  const end = (): string[] => {
    ended = true;
    const delta = { stop_reason: stopReasonFromChat(finishReason, blocks.calledTools), stop_sequence: null };
    const messageDelta = streamEvent({ type: 'message_delta', delta, usage: anthropicUsageFromChat(usage) });
    return [...blocks.close(), messageDelta, streamEvent({ type: 'message_stop' })];
  };

  for await (const data of chunks) {
    if (data === '[DONE]') break;
    // After message_stop the source is only drained, so that it is read to its end.
    if (ended) continue;
    const chunk = parseChunk(data);
    if (!started) {
      started = true;
      yield messageStart(chunk, model);
    }
    if (isObject(chunk.usage)) usage = chunk.usage;
    const choice: unknown = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (isObject(choice)) {
      const delta = isObject(choice.delta) ? choice.delta : {};
      const thinking = reasoningText(delta);
      if (thinking) yield* blocks.text('thinking', thinking);
      if (typeof delta.content === 'string' && delta.content !== '')
        yield* blocks.text('text', delta.content);
      if (Array.isArray(delta.tool_calls))
        for (const call of delta.tool_calls as unknown[]) if (isObject(call)) yield* blocks.toolCall(call);
      if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason;
    }
    // The usage that counts is the one sent with or after the finish_reason.
    if (finishReason !== undefined && isObject(chunk.usage)) yield* end();
  }
  if (ended) return;
  if (finishReason === undefined)
    throw upstreamError('the upstream stream ended before a finish_reason (the answer is truncated)');
  yield* end();
}
