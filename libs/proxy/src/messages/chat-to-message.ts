import { randomUUID } from 'node:crypto';

import { countField, isObject, type Json } from './json-shapes';

const STOP_REASONS: Readonly<Record<string, string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

/** OpenAI's finish_reason as Anthropic's stop_reason; OpenAI does not say whether a stop sequence matched. */
export function stopReasonFromChat(finishReason: unknown, calledTools: boolean): string {
  const reason = (typeof finishReason === 'string' ? STOP_REASONS[finishReason] : undefined) ?? 'end_turn';
  // Some servers (Ollama, older vLLM) finish tool calls with `stop`; Anthropic clients run tools on `tool_use`.
  return calledTools && reason === 'end_turn' ? 'tool_use' : reason;
}

export function anthropicMessageId(chatId: unknown): string {
  if (typeof chatId !== 'string' || chatId === '') return `msg_${randomUUID().replaceAll('-', '')}`;
  return chatId.startsWith('msg_') ? chatId : `msg_${chatId}`;
}

export function anthropicToolId(callId: unknown): string {
  return typeof callId === 'string' && callId !== '' ? callId : `toolu_${randomUUID().replaceAll('-', '')}`;
}

/**
 * OpenAI usage in Anthropic's shape. Anthropic's `input_tokens` excludes cache reads, which
 * OpenAI counts inside `prompt_tokens`; cache writes are only known from LiteLLM-style fields.
 */
export function anthropicUsageFromChat(usage: unknown): Json {
  const source = isObject(usage) ? usage : {};
  const details = isObject(source.prompt_tokens_details) ? source.prompt_tokens_details : {};
  const cached = countField(details.cached_tokens ?? source.cache_read_input_tokens);
  return {
    input_tokens: Math.max(0, countField(source.prompt_tokens) - cached),
    output_tokens: countField(source.completion_tokens),
    cache_creation_input_tokens: countField(source.cache_creation_input_tokens),
    cache_read_input_tokens: cached,
  };
}

/** Tool arguments as Anthropic's `input` object; arguments that are not a JSON object become `{}`. */
export function toolInput(args: unknown): Json {
  if (isObject(args)) return args;
  if (typeof args !== 'string' || args.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(args);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function messageText(message: Json): string {
  const content = message.content;
  if (typeof content === 'string' && content !== '') return content;
  if (Array.isArray(content))
    return content.map((part: unknown) => (isObject(part) ? String(part.text ?? '') : '')).join('');
  return typeof message.refusal === 'string' ? message.refusal : '';
}

/** `reasoning_content` (LiteLLM, DeepSeek, vLLM) or `reasoning` (OpenRouter, newer vLLM). */
export function reasoningText(source: Json): string {
  const text = source.reasoning_content ?? source.reasoning;
  return typeof text === 'string' ? text : '';
}

function toolUseBlocks(message: Json): Json[] {
  const calls: unknown[] = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  // The legacy `function_call` field predates tool calls and has no id.
  if (calls.length === 0 && isObject(message.function_call)) calls.push({ function: message.function_call });
  return calls.filter(isObject).map((call) => {
    const fn = isObject(call.function) ? call.function : {};
    return {
      type: 'tool_use',
      id: anthropicToolId(call.id),
      name: String(fn.name ?? ''),
      input: toolInput(fn.arguments),
    };
  });
}

/** An OpenAI chat.completion as an Anthropic Message. */
export function messageFromChat(chat: Json, model: string): Json {
  const choices: unknown[] = Array.isArray(chat.choices) ? chat.choices : [];
  const choice = isObject(choices[0]) ? choices[0] : {};
  const message = isObject(choice.message) ? choice.message : {};
  const content: Json[] = [];
  const thinking = reasoningText(message);
  if (thinking) content.push({ type: 'thinking', thinking, signature: '' });
  const text = messageText(message);
  if (text) content.push({ type: 'text', text });
  const toolUses = toolUseBlocks(message);
  content.push(...toolUses);
  return {
    id: anthropicMessageId(chat.id),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReasonFromChat(choice.finish_reason, toolUses.length > 0),
    stop_sequence: null,
    usage: anthropicUsageFromChat(chat.usage),
  };
}
