import { GatewayError } from '@switchyard/kernel';

/** Anthropic requires max_tokens; LiteLLM's default when the client sends none. */
export const DEFAULT_MAX_TOKENS = 4096;

type Json = Record<string, unknown>;

const REASONING_BUDGET: Readonly<Record<string, number>> = { low: 1024, medium: 2048, high: 4096 };

function imageBlock(url: string): Json {
  const data = /^data:([^;]+);base64,(.*)$/s.exec(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  return { type: 'image', source: { type: 'url', url } };
}

function contentBlocks(content: unknown): Json[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  if (!Array.isArray(content)) return [];
  return content.map((part: Json) => {
    const cache = part.cache_control ? { cache_control: part.cache_control } : {};
    if (part.type === 'image_url') {
      const url =
        typeof part.image_url === 'string'
          ? part.image_url
          : (part.image_url as { url?: string } | undefined)?.url;
      return { ...imageBlock(url ?? ''), ...cache };
    }
    return { type: 'text', text: String(part.text ?? ''), ...cache };
  });
}

function parseArguments(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw GatewayError.badRequest(
      'tool_calls[].function.arguments must be a JSON object for Anthropic',
      'messages',
    );
  }
}

/** OpenAI messages → Anthropic `system` and alternating user/assistant `messages`. */
function translateMessages(messages: Json[]): { system: Json[]; messages: Json[] } {
  const system: Json[] = [];
  const out: Json[] = [];
  const push = (role: 'user' | 'assistant', blocks: Json[]) => {
    const last = out.at(-1);
    // Anthropic wants alternating roles: consecutive turns of one role are merged.
    if (last && last.role === role) (last.content as Json[]).push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const message of messages) {
    const role = message.role;
    if (role === 'system' || role === 'developer') {
      system.push(...contentBlocks(message.content));
    } else if (role === 'tool') {
      const text = typeof message.content === 'string' ? message.content : contentBlocks(message.content);
      push('user', [{ type: 'tool_result', tool_use_id: message.tool_call_id, content: text }]);
    } else if (role === 'assistant') {
      const blocks = contentBlocks(message.content);
      for (const call of (message.tool_calls as Json[] | undefined) ?? []) {
        const fn = call.function as Json;
        blocks.push({ type: 'tool_use', id: call.id, name: fn.name, input: parseArguments(fn.arguments) });
      }
      push('assistant', blocks);
    } else {
      push('user', contentBlocks(message.content));
    }
  }
  return { system, messages: out };
}

function toolChoice(choice: unknown, parallel: unknown): Json | undefined {
  const base: Json | undefined =
    choice === 'auto'
      ? { type: 'auto' }
      : choice === 'required'
        ? { type: 'any' }
        : choice === 'none'
          ? { type: 'none' }
          : choice && typeof choice === 'object'
            ? { type: 'tool', name: ((choice as Json).function as Json | undefined)?.name }
            : undefined;
  if (parallel === false) return { ...(base ?? { type: 'auto' }), disable_parallel_tool_use: true };
  return base;
}

// OpenAI parameters the Messages API has no equivalent for.
const UNSUPPORTED = [
  'logprobs',
  'top_logprobs',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'logit_bias',
] as const;

/** 400 naming the parameters Anthropic cannot take, unless they are to be dropped (LiteLLM's UnsupportedParamsError). */
function checkSupported(body: Json, model: string, dropParams: boolean): void {
  if (dropParams) return;
  const found = UNSUPPORTED.filter((name) => body[name] !== undefined && body[name] !== null);
  if (typeof body.n === 'number' && body.n > 1) found.push('n' as (typeof UNSUPPORTED)[number]);
  if (found.length === 0) return;
  throw GatewayError.badRequest(
    `litellm.UnsupportedParamsError: anthropic does not support parameters: [${found.map((f) => `'${f}'`).join(', ')}], for model=${model}. To drop these, set \`drop_params: true\` in litellm_settings, or send it with the request.`,
    found[0] ?? null,
  );
}

/** An OpenAI chat request as Anthropic's Messages API expects it. */
export function toAnthropicRequest(body: Json, model: string, stream: boolean, dropParams = false): Json {
  checkSupported(body, model, dropParams);
  const { system, messages } = translateMessages((body.messages as Json[] | undefined) ?? []);
  const request: Json = {
    model,
    messages,
    max_tokens: body.max_tokens ?? body.max_completion_tokens ?? DEFAULT_MAX_TOKENS,
  };
  if (system.length > 0) request.system = system;
  if (stream) request.stream = true;
  for (const name of ['temperature', 'top_p', 'top_k'] as const)
    if (body[name] !== undefined) request[name] = body[name];
  if (body.stop !== undefined) request.stop_sequences = Array.isArray(body.stop) ? body.stop : [body.stop];
  if (typeof body.user === 'string') request.metadata = { user_id: body.user };
  if (Array.isArray(body.tools)) {
    request.tools = (body.tools as Json[]).map((tool) => {
      if (tool.type !== 'function') return tool;
      const fn = tool.function as Json;
      return {
        name: fn.name,
        ...(fn.description ? { description: fn.description } : {}),
        input_schema: fn.parameters ?? { type: 'object', properties: {} },
        ...(tool.cache_control ? { cache_control: tool.cache_control } : {}),
      };
    });
  }
  const choice = toolChoice(body.tool_choice, body.parallel_tool_calls);
  if (choice) request.tool_choice = choice;
  if (typeof body.reasoning_effort === 'string' && REASONING_BUDGET[body.reasoning_effort]) {
    request.thinking = { type: 'enabled', budget_tokens: REASONING_BUDGET[body.reasoning_effort] };
  }
  if (body.thinking !== undefined) request.thinking = body.thinking;
  return request;
}
