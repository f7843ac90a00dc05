import { GatewayError } from '@switchyard/kernel';

import { isObject, type Json } from './json-shapes';

/** The content blocks of `param`, each checked to be an object with a string `type`. */
export function typedBlocks(content: unknown, param: string): Json[] {
  if (!Array.isArray(content))
    throw GatewayError.badRequest(`${param} must be a string or an array of content blocks`, param);
  return content.map((block: unknown, index) => {
    if (!isObject(block) || typeof block.type !== 'string')
      throw GatewayError.badRequest(
        `${param}[${index}] must be a content block object with a string 'type'`,
        `${param}[${index}]`,
      );
    return block;
  });
}

/** A system prompt (string or text blocks) as one string; cache_control and other fields are dropped. */
export function systemText(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  return typedBlocks(content, param)
    .filter((block) => block.type === 'text')
    .map((block) => String(block.text ?? ''))
    .join('\n');
}

function unsupported(block: Json, param: string, role: string): GatewayError {
  const why =
    block.type === 'document'
      ? 'document blocks (PDF and text documents) can only be sent to Anthropic deployments'
      : `a '${String(block.type)}' block in a ${role} message cannot be translated for a non-Anthropic deployment`;
  return GatewayError.badRequest(`${param}: ${why}`, param);
}

function imagePart(block: Json, param: string): Json {
  const source = isObject(block.source) ? block.source : {};
  if (source.type === 'base64' && typeof source.data === 'string' && typeof source.media_type === 'string')
    return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
  if (source.type === 'url' && typeof source.url === 'string')
    return { type: 'image_url', image_url: { url: source.url } };
  throw GatewayError.badRequest(
    `${param}.source: only base64 and url image sources can be translated (file ids need an Anthropic deployment)`,
    `${param}.source`,
  );
}

/** One text part stays a plain string: what every OpenAI-compatible server accepts. */
function partsContent(parts: Json[]): unknown {
  const [only] = parts;
  if (parts.length === 1 && only?.type === 'text') return only.text;
  return parts.length === 0 ? '' : parts;
}

const textPart = (block: Json): Json => ({ type: 'text', text: String(block.text ?? '') });

/** A tool result as a `tool` message; OpenAI tool messages carry text only, so images go to the user turn. */
function toolResult(block: Json, param: string): { message: Json; images: Json[] } {
  if (typeof block.tool_use_id !== 'string')
    throw GatewayError.badRequest(`${param}.tool_use_id must be a string`, `${param}.tool_use_id`);
  const texts: string[] = [];
  const images: Json[] = [];
  if (typeof block.content === 'string') texts.push(block.content);
  else if (block.content !== undefined && block.content !== null) {
    typedBlocks(block.content, `${param}.content`).forEach((inner, index) => {
      const at = `${param}.content[${index}]`;
      if (inner.type === 'text') texts.push(String(inner.text ?? ''));
      else if (inner.type === 'image') images.push(imagePart(inner, at));
      else throw unsupported(inner, at, 'tool_result');
    });
  }
  return { message: { role: 'tool', tool_call_id: block.tool_use_id, content: texts.join('\n') }, images };
}

function userMessages(blocks: Json[], param: string): Json[] {
  const toolMessages: Json[] = [];
  const parts: Json[] = [];
  blocks.forEach((block, index) => {
    const at = `${param}[${index}]`;
    if (block.type === 'text') parts.push(textPart(block));
    else if (block.type === 'image') parts.push(imagePart(block, at));
    else if (block.type === 'tool_result') {
      const { message, images } = toolResult(block, at);
      toolMessages.push(message);
      parts.push(...images);
    } else throw unsupported(block, at, 'user');
  });
  // Tool messages must follow the assistant's tool calls directly, so they come before the turn's text.
  if (toolMessages.length > 0 && parts.length === 0) return toolMessages;
  return [...toolMessages, { role: 'user', content: partsContent(parts) }];
}

function toolCall(block: Json, param: string): Json {
  if (typeof block.id !== 'string' || typeof block.name !== 'string')
    throw GatewayError.badRequest(`${param}: a tool_use block needs a string id and name`, param);
  return {
    id: block.id,
    type: 'function',
    function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
  };
}

function assistantMessage(blocks: Json[], param: string): Json {
  const parts: Json[] = [];
  const toolCalls: Json[] = [];
  blocks.forEach((block, index) => {
    const at = `${param}[${index}]`;
    if (block.type === 'text') parts.push(textPart(block));
    else if (block.type === 'tool_use') toolCalls.push(toolCall(block, at));
    // Another model cannot continue Claude's thinking: its signature only verifies on Anthropic.
    else if (block.type !== 'thinking' && block.type !== 'redacted_thinking')
      throw unsupported(block, at, 'assistant');
  });
  const empty = toolCalls.length > 0 ? null : '';
  const message: Json = { role: 'assistant', content: parts.length > 0 ? partsContent(parts) : empty };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

/** One Anthropic message as OpenAI messages: a user turn's tool results become `tool` messages. */
export function chatMessagesFromTurn(message: unknown, param: string): Json[] {
  if (!isObject(message)) throw GatewayError.badRequest(`${param} must be a message object`, param);
  const role = message.role;
  if (role !== 'user' && role !== 'assistant' && role !== 'system')
    throw GatewayError.badRequest(
      `${param}.role must be 'user' or 'assistant', got ${JSON.stringify(role) ?? 'nothing'}`,
      `${param}.role`,
    );
  const contentParam = `${param}.content`;
  if (role === 'system') return [{ role: 'system', content: systemText(message.content, contentParam) }];
  if (typeof message.content === 'string') return [{ role, content: message.content }];
  const blocks = typedBlocks(message.content, contentParam);
  return role === 'user' ? userMessages(blocks, contentParam) : [assistantMessage(blocks, contentParam)];
}
