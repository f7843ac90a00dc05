import { GatewayError } from '@switchyard/kernel';

type Json = Record<string, unknown>;

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);

/** Bedrock takes image bytes only: data URLs are inlined, other URLs are refused (we never download). */
function imageBlock(url: string): Json {
  const data = /^data:image\/([a-z]+)(?:;[^,]*)?;base64,(.*)$/is.exec(url);
  if (!data) {
    throw GatewayError.badRequest(
      'bedrock/ deployments take images as base64 data URLs (data:image/png;base64,...) only; the gateway does not download image URLs',
      'messages',
    );
  }
  const subtype = (data[1] ?? '').toLowerCase();
  const format = subtype === 'jpg' ? 'jpeg' : subtype;
  if (!IMAGE_FORMATS.has(format)) {
    throw GatewayError.badRequest(
      `bedrock/ deployments take png, jpeg, gif or webp images, not image/${subtype}`,
      'messages',
    );
  }
  return { image: { format, source: { bytes: data[2] } } };
}

function contentBlocks(content: unknown): Json[] {
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  const blocks: Json[] = [];
  for (const part of content as Json[]) {
    if (part.type === 'image_url') {
      const image = part.image_url;
      const url = typeof image === 'string' ? image : (image as { url?: string } | undefined)?.url;
      blocks.push(imageBlock(url ?? ''));
    } else if (typeof part.text === 'string' && part.text) {
      blocks.push({ text: part.text });
    }
  }
  return blocks;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Json[]).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
}

function parseArguments(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw GatewayError.badRequest(
      'tool_calls[].function.arguments must be a JSON object for Bedrock',
      'messages',
    );
  }
}

/** Earlier thinking turns go back with their signatures, as Claude requires during tool use. */
function reasoningBlocks(message: Json): Json[] {
  const blocks = message.thinking_blocks;
  if (!Array.isArray(blocks)) return [];
  return (blocks as Json[])
    .filter((block) => block.type === 'thinking' && typeof block.thinking === 'string')
    .map((block) => ({
      reasoningContent: {
        reasoningText: {
          text: block.thinking,
          ...(typeof block.signature === 'string' ? { signature: block.signature } : {}),
        },
      },
    }));
}

function assistantBlocks(message: Json): Json[] {
  const blocks = [...reasoningBlocks(message), ...contentBlocks(message.content)];
  for (const call of (message.tool_calls as Json[] | undefined) ?? []) {
    const fn = (call.function ?? {}) as Json;
    blocks.push({
      toolUse: { toolUseId: call.id, name: fn.name, input: parseArguments(fn.arguments) },
    });
  }
  return blocks;
}

/** OpenAI messages → Converse `system` and alternating user/assistant `messages`. */
export function toConverseMessages(messages: Json[]): { system: Json[]; messages: Json[] } {
  const system: Json[] = [];
  const out: Json[] = [];
  const push = (role: 'user' | 'assistant', blocks: Json[]) => {
    // Bedrock refuses empty content lists.
    if (blocks.length === 0) return;
    const last = out.at(-1);
    // Converse wants alternating roles: consecutive turns of one role are merged.
    if (last && last.role === role) (last.content as Json[]).push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const message of messages) {
    const role = message.role;
    if (role === 'system' || role === 'developer') {
      system.push(...contentBlocks(message.content).filter((block) => 'text' in block));
    } else if (role === 'tool') {
      const toolResult = { toolUseId: message.tool_call_id, content: [{ text: textOf(message.content) }] };
      push('user', [{ toolResult }]);
    } else if (role === 'assistant') {
      push('assistant', assistantBlocks(message));
    } else {
      push('user', contentBlocks(message.content));
    }
  }
  return { system, messages: out };
}
