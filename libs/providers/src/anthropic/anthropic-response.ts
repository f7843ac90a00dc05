import { usageWithCacheReads } from '../upstream/cached-usage';

type Json = Record<string, unknown>;

/** Anthropic's stop_reason as OpenAI's finish_reason (LiteLLM's map_finish_reason). */
export function finishReason(stopReason: unknown): string {
  switch (stopReason) {
    case 'max_tokens':
    case 'compaction':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** Anthropic usage (cache reads count as prompt tokens) in OpenAI's shape. */
export function openAiUsage(usage: Json | undefined): Json {
  return usageWithCacheReads(
    Number(usage?.input_tokens ?? 0),
    Number(usage?.cache_read_input_tokens ?? 0),
    Number(usage?.cache_creation_input_tokens ?? 0),
    Number(usage?.output_tokens ?? 0),
  );
}

/** An Anthropic message as an OpenAI `chat.completion`. */
export function fromAnthropicMessage(message: Json): Json {
  let text = '';
  let reasoning = '';
  const thinkingBlocks: Json[] = [];
  const toolCalls: Json[] = [];
  for (const block of (message.content as Json[] | undefined) ?? []) {
    if (block.type === 'text') text += String(block.text ?? '');
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    } else if (block.type === 'thinking') {
      reasoning += String(block.thinking ?? '');
      thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    }
  }
  return {
    id: message.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: message.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text || null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...(reasoning ? { reasoning_content: reasoning, thinking_blocks: thinkingBlocks } : {}),
        },
        logprobs: null,
        finish_reason: finishReason(message.stop_reason),
      },
    ],
    usage: openAiUsage(message.usage as Json | undefined),
  };
}
