import { randomUUID } from 'node:crypto';

import { newToolCallId } from './gemini-tool-call-id';

type Json = Record<string, unknown>;

// Gemini's policy blocks (SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, IMAGE_*...).
const FILTER_REASONS = new Set([
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'IMAGE_OTHER',
  'NO_IMAGE',
  'ESCALATION',
]);

/** Gemini's finishReason as OpenAI's finish_reason; function calls win over STOP. */
export function finishReason(reason: unknown, hasToolCalls = false): string {
  if (reason === 'MAX_TOKENS') return 'length';
  if (typeof reason === 'string' && FILTER_REASONS.has(reason)) return 'content_filter';
  // STOP, unspecified, malformed or unexpected calls and unknown values read as a normal stop.
  return hasToolCalls ? 'tool_calls' : 'stop';
}

/** Gemini's usageMetadata in OpenAI's shape: thinking tokens are billed as completion tokens. */
export function openAiUsage(usage: Json | undefined): Json {
  const prompt = Number(usage?.promptTokenCount ?? 0);
  const thoughts = Number(usage?.thoughtsTokenCount ?? 0);
  const completion = Number(usage?.candidatesTokenCount ?? 0) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: Number(usage?.totalTokenCount ?? prompt + completion),
    prompt_tokens_details: { cached_tokens: Number(usage?.cachedContentTokenCount ?? 0) },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}

/** The parts of one candidate as OpenAI message fields: text, reasoning and complete tool calls. */
export function readParts(parts: Json[] | undefined): { text: string; reasoning: string; toolCalls: Json[] } {
  let text = '';
  let reasoning = '';
  const toolCalls: Json[] = [];
  for (const part of parts ?? []) {
    const call = part.functionCall as Json | undefined;
    if (call) {
      toolCalls.push({
        id: newToolCallId(part.thoughtSignature),
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
      });
    } else if (typeof part.text === 'string') {
      if (part.thought === true) reasoning += part.text;
      else text += part.text;
    }
  }
  return { text, reasoning, toolCalls };
}

export function completionId(response: Json): string {
  return typeof response.responseId === 'string' && response.responseId
    ? response.responseId
    : `chatcmpl-${randomUUID()}`;
}

function choice(candidate: Json, index: number): Json {
  const { text, reasoning, toolCalls } = readParts((candidate.content as Json | undefined)?.parts as Json[]);
  return {
    index: typeof candidate.index === 'number' ? candidate.index : index,
    message: {
      role: 'assistant',
      content: text || (toolCalls.length > 0 ? null : ''),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      ...(reasoning ? { reasoning_content: reasoning } : {}),
    },
    logprobs: null,
    finish_reason: finishReason(candidate.finishReason, toolCalls.length > 0),
  };
}

/**
 * A GenerateContentResponse as an OpenAI `chat.completion`. A blocked prompt (no candidates, a
 * `promptFeedback.blockReason`) is an empty content_filter answer, not an error, as in LiteLLM.
 */
export function fromGeminiResponse(response: Json, model: string): Json {
  const candidates = (response.candidates as Json[] | undefined) ?? [];
  const choices =
    candidates.length > 0
      ? candidates.map(choice)
      : [
          {
            index: 0,
            message: { role: 'assistant', content: '' },
            logprobs: null,
            finish_reason: (response.promptFeedback as Json | undefined)?.blockReason
              ? 'content_filter'
              : 'stop',
          },
        ];
  return {
    id: completionId(response),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof response.modelVersion === 'string' ? response.modelVersion : model,
    choices,
    usage: openAiUsage(response.usageMetadata as Json | undefined),
  };
}
