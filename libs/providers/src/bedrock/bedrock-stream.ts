import { malformedUpstreamError } from '../upstream/upstream-errors';
import { BEDROCK_LABEL, streamExceptionError } from './bedrock-errors';
import type { EventStreamMessage } from './bedrock-event-stream';
import { JSON_TOOL_NAME } from './bedrock-request';
import { completionId, finishReason, openAiUsage } from './bedrock-response';

type Json = Record<string, unknown>;

function payloadOf(message: EventStreamMessage): Json {
  try {
    return JSON.parse(message.body) as Json;
  } catch {
    throw malformedUpstreamError(BEDROCK_LABEL, 'a stream event is not JSON');
  }
}

/**
 * @hotpath ConverseStream events as OpenAI chat chunks. Tool-call indexes count toolUse blocks, not
 * content blocks; the finish chunk comes at messageStop, the usage chunk (metadata, which follows
 * messageStop) last, before [DONE]. In JSON mode the forced JSON tool's input is the content.
 */
export async function* openAiChunks(
  messages: AsyncIterable<EventStreamMessage>,
  model: string,
  jsonMode = false,
): AsyncGenerator<string> {
  const id = completionId();
  const created = Math.floor(Date.now() / 1000);
  const toolIndexes = new Map<number, number>();
  const jsonBlocks = new Set<number>();
  let stopped = false;
  let usage: Json | undefined;
  const chunk = (delta: Json, finish: string | null = null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
  const usageChunk = (reported: Json | undefined) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [],
      usage: openAiUsage(reported),
    });

  for await (const message of messages) {
    const messageType = message.headers[':message-type'];
    if (messageType === 'exception') {
      throw streamExceptionError(message.headers[':exception-type'], message.body);
    }
    if (messageType === 'error') {
      throw streamExceptionError(message.headers[':error-code'], message.headers[':error-message'] ?? '');
    }
    const event = payloadOf(message);
    const block = Number(event.contentBlockIndex ?? 0);
    switch (message.headers[':event-type'] ?? '') {
      case 'messageStart':
        yield chunk({ role: 'assistant', content: '' });
        break;
      case 'contentBlockStart': {
        const toolUse = (event.start as Json | undefined)?.toolUse as Json | undefined;
        if (!toolUse) break;
        if (jsonMode && toolUse.name === JSON_TOOL_NAME) {
          jsonBlocks.add(block);
          break;
        }
        const index = toolIndexes.size;
        toolIndexes.set(block, index);
        yield chunk({
          tool_calls: [
            {
              index,
              id: toolUse.toolUseId,
              type: 'function',
              function: { name: toolUse.name, arguments: '' },
            },
          ],
        });
        break;
      }
      case 'contentBlockDelta': {
        const delta = (event.delta ?? {}) as Json;
        if (typeof delta.text === 'string') yield chunk({ content: delta.text });
        else if (delta.toolUse) {
          const input = String((delta.toolUse as Json).input ?? '');
          if (jsonBlocks.has(block)) yield chunk({ content: input });
          else {
            const index = toolIndexes.get(block) ?? 0;
            yield chunk({ tool_calls: [{ index, function: { arguments: input } }] });
          }
        } else if (delta.reasoningContent) {
          const text = (delta.reasoningContent as Json).text;
          if (typeof text === 'string') yield chunk({ reasoning_content: text });
        }
        break;
      }
      case 'messageStop': {
        stopped = true;
        const reason =
          event.stopReason === 'tool_use' && jsonBlocks.size > 0 && toolIndexes.size === 0
            ? 'end_turn'
            : event.stopReason;
        yield chunk({}, finishReason(reason));
        if (usage === undefined) break;
        yield usageChunk(usage);
        yield '[DONE]';
        return;
      }
      case 'metadata':
        usage = (event.usage ?? {}) as Json;
        if (!stopped) break;
        yield usageChunk(usage);
        yield '[DONE]';
        return;
      default:
        // contentBlockStop and future event types carry nothing for the client.
        break;
    }
  }
  if (!stopped) throw malformedUpstreamError(BEDROCK_LABEL, 'the stream ended before messageStop');
  // A stream without its metadata event still ends like any other.
  yield usageChunk(usage);
  yield '[DONE]';
}
