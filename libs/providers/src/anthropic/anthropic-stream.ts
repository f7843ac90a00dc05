import { GatewayError } from '@switchyard/kernel';

import { upstreamStreamError } from '../upstream/upstream-errors';
import { finishReason, openAiUsage } from './anthropic-response';

type Json = Record<string, unknown>;

/**
 * @hotpath Anthropic's stream events (the SSE `data` payloads) as OpenAI chat chunks. Tool-call
 * indexes count tool_use blocks, not content blocks; the usage chunk comes last, before [DONE].
 */
export async function* openAiChunks(events: AsyncIterable<string>): AsyncGenerator<string> {
  let id = '';
  let model = '';
  const created = Math.floor(Date.now() / 1000);
  let usage: Json = {};
  const toolIndexes = new Map<number, number>();
  const chunk = (delta: Json, finish: string | null = null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });

  for await (const data of events) {
    let event: Json;
    try {
      event = JSON.parse(data) as Json;
    } catch {
      throw new GatewayError('litellm.APIError: AnthropicException - a stream event is not JSON', {
        status: 502,
        type: 'api_error',
      });
    }
    switch (event.type) {
      case 'message_start': {
        const message = event.message as Json;
        id = String(message.id ?? '');
        model = String(message.model ?? '');
        usage = { ...(message.usage as Json | undefined) };
        yield chunk({ role: 'assistant', content: '' });
        break;
      }
      case 'content_block_start': {
        const block = event.content_block as Json;
        if (block.type === 'tool_use') {
          const index = toolIndexes.size;
          toolIndexes.set(Number(event.index), index);
          yield chunk({
            tool_calls: [
              { index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } },
            ],
          });
        }
        break;
      }
      case 'content_block_delta': {
        const delta = event.delta as Json;
        if (delta.type === 'text_delta') yield chunk({ content: delta.text });
        else if (delta.type === 'input_json_delta') {
          const index = toolIndexes.get(Number(event.index)) ?? 0;
          yield chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] });
        } else if (delta.type === 'thinking_delta') yield chunk({ reasoning_content: delta.thinking });
        break;
      }
      case 'message_delta': {
        usage = { ...usage, ...(event.usage as Json | undefined) };
        yield chunk({}, finishReason((event.delta as Json | undefined)?.stop_reason));
        break;
      }
      case 'message_stop':
        yield JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          choices: [],
          usage: openAiUsage(usage),
        });
        yield '[DONE]';
        return;
      case 'error':
        // overloaded_error → 503, rate_limit_error → 429, "prompt is too long" → ContextWindowExceededError...
        throw upstreamStreamError('AnthropicException', event.error);
      default:
        // ping, content_block_stop and future event types carry nothing for the client.
        break;
    }
  }
}
