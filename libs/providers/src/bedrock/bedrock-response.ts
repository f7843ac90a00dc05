import { randomUUID } from 'node:crypto';

import { usageWithCacheReads } from '../upstream/cached-usage';
import { JSON_TOOL_NAME } from './bedrock-request';

type Json = Record<string, unknown>;

/** Converse's stopReason as OpenAI's finish_reason (LiteLLM's map_finish_reason). */
export function finishReason(stopReason: unknown): string {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** Converse usage (cache reads count as prompt tokens) in OpenAI's shape. */
export function openAiUsage(usage: Json | undefined): Json {
  return usageWithCacheReads(
    Number(usage?.inputTokens ?? 0),
    Number(usage?.cacheReadInputTokens ?? 0),
    Number(usage?.cacheWriteInputTokens ?? 0),
    Number(usage?.outputTokens ?? 0),
  );
}

export function completionId(): string {
  return `chatcmpl-${randomUUID()}`;
}

/** A Converse answer as an OpenAI `chat.completion`. */
export function fromConverseResponse(response: Json, model: string, jsonMode = false): Json {
  let text = '';
  let reasoning = '';
  const thinkingBlocks: Json[] = [];
  const toolCalls: Json[] = [];
  const message = (response.output as Json | undefined)?.message as Json | undefined;
  for (const block of (message?.content as Json[] | undefined) ?? []) {
    if (typeof block.text === 'string') text += block.text;
    else if (block.toolUse) {
      const use = block.toolUse as Json;
      if (jsonMode && use.name === JSON_TOOL_NAME) text += JSON.stringify(use.input ?? {});
      else {
        toolCalls.push({
          id: use.toolUseId,
          type: 'function',
          function: { name: use.name, arguments: JSON.stringify(use.input ?? {}) },
        });
      }
    } else if (block.reasoningContent) {
      const thought = (block.reasoningContent as Json).reasoningText as Json | undefined;
      if (thought) {
        reasoning += String(thought.text ?? '');
        thinkingBlocks.push({ type: 'thinking', thinking: thought.text, signature: thought.signature });
      }
    }
  }
  // The JSON tool's forced call is an answer, not a tool call.
  const stop =
    jsonMode && response.stopReason === 'tool_use' && toolCalls.length === 0
      ? 'end_turn'
      : response.stopReason;
  return {
    id: completionId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
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
        finish_reason: finishReason(stop),
      },
    ],
    usage: openAiUsage(response.usage as Json | undefined),
  };
}
