import { GatewayError } from '@switchyard/kernel';
import { countTokens } from 'gpt-tokenizer';

import { isObject, type Json } from './json-shapes';
import { typedBlocks } from './turn-to-chat';

/** Anthropic's rough maximum for one image; the request does not give its size, so assume the most. */
const IMAGE_TOKENS = 1600;
/** Role and separators around each message, as in OpenAI's chat token counting. */
const MESSAGE_OVERHEAD = 3;
/** Text such as `<|endoftext|>` in a prompt is counted as text, not refused as a special token. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

const tokens = (text: string): number => (text === '' ? 0 : countTokens(text, AS_TEXT));

function contentTokens(content: unknown, param: string): number {
  if (typeof content === 'string') return tokens(content);
  return typedBlocks(content, param).reduce(
    (sum, block, index) => sum + blockTokens(block, `${param}[${index}]`),
    0,
  );
}

function blockTokens(block: Json, param: string): number {
  switch (block.type) {
    case 'text':
      return tokens(String(block.text ?? ''));
    case 'image':
      return IMAGE_TOKENS;
    case 'tool_use':
      return tokens(String(block.name ?? '')) + tokens(JSON.stringify(block.input ?? {}));
    case 'tool_result':
      return block.content === undefined || block.content === null
        ? 0
        : contentTokens(block.content, `${param}.content`);
    case 'thinking':
    case 'redacted_thinking':
      // Thinking from earlier turns is not sent to non-Anthropic models (and Anthropic ignores it too).
      return 0;
    default: {
      const source = isObject(block.source) ? block.source : {};
      // A text document counts as its text; anything else, roughly, as its JSON.
      return typeof source.data === 'string' && source.type === 'text'
        ? tokens(source.data)
        : tokens(JSON.stringify(block));
    }
  }
}

function toolTokens(tools: unknown): number {
  if (!Array.isArray(tools)) throw GatewayError.badRequest('tools must be an array of tools', 'tools');
  return tools.reduce((sum: number, tool: unknown, index) => {
    if (!isObject(tool))
      throw GatewayError.badRequest(`tools[${index}] must be a tool object`, `tools[${index}]`);
    const schema = tool.input_schema === undefined ? '' : JSON.stringify(tool.input_schema);
    const description = typeof tool.description === 'string' ? tool.description : '';
    return sum + tokens(String(tool.name ?? '')) + tokens(description) + tokens(schema);
  }, 0);
}

/**
 * An estimate of the input tokens of `/v1/messages/count_tokens` ({model, messages, system?,
 * tools?}) with OpenAI's o200k tokenizer, for deployments that have no count endpoint of their own.
 */
export function countMessageTokens(body: Json): number {
  if (!isObject(body)) throw GatewayError.badRequest('the request body must be a JSON object', null);
  if (!Array.isArray(body.messages))
    throw GatewayError.badRequest('messages is required and must be an array of messages', 'messages');
  let total = MESSAGE_OVERHEAD; // the assistant reply's own priming
  if (body.system !== undefined && body.system !== null)
    total += MESSAGE_OVERHEAD + contentTokens(body.system, 'system');
  body.messages.forEach((message: unknown, index) => {
    const at = `messages[${index}]`;
    if (!isObject(message)) throw GatewayError.badRequest(`${at} must be a message object`, at);
    if (message.role !== 'user' && message.role !== 'assistant' && message.role !== 'system')
      throw GatewayError.badRequest(`${at}.role must be 'user' or 'assistant'`, `${at}.role`);
    total += MESSAGE_OVERHEAD + contentTokens(message.content, `${at}.content`);
  });
  if (body.tools !== undefined && body.tools !== null) total += toolTokens(body.tools);
  return total;
}
