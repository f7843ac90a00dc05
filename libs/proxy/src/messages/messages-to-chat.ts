import { GatewayError } from '@switchyard/kernel';

import { isObject, type Json } from './json-shapes';
import { chatMessagesFromTurn, systemText } from './turn-to-chat';

function chatTools(tools: unknown): Json[] {
  if (!Array.isArray(tools)) throw GatewayError.badRequest('tools must be an array of tools', 'tools');
  return tools.map((tool: unknown, index) => {
    const at = `tools[${index}]`;
    if (!isObject(tool)) throw GatewayError.badRequest(`${at} must be a tool object`, at);
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom')
      throw GatewayError.badRequest(
        `${at}: the Anthropic server tool '${String(tool.name ?? tool.type)}' (${String(tool.type)}) only works on Anthropic deployments`,
        at,
      );
    if (typeof tool.name !== 'string')
      throw GatewayError.badRequest(`${at}.name must be a string`, `${at}.name`);
    return {
      type: 'function',
      function: {
        name: tool.name,
        ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
        parameters: tool.input_schema ?? { type: 'object', properties: {} },
        ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
      },
    };
  });
}

function applyToolChoice(chat: Json, choice: unknown): void {
  if (choice === undefined || choice === null) return;
  if (!isObject(choice))
    throw GatewayError.badRequest('tool_choice must be an object with a type', 'tool_choice');
  switch (choice.type) {
    case 'auto':
      chat.tool_choice = 'auto';
      break;
    case 'any':
      chat.tool_choice = 'required';
      break;
    case 'none':
      chat.tool_choice = 'none';
      break;
    case 'tool':
      if (typeof choice.name !== 'string')
        throw GatewayError.badRequest('tool_choice.name must be a string', 'tool_choice.name');
      chat.tool_choice = { type: 'function', function: { name: choice.name } };
      break;
    default:
      throw GatewayError.badRequest(
        "tool_choice.type must be one of 'auto', 'any', 'tool' or 'none'",
        'tool_choice.type',
      );
  }
  if (choice.disable_parallel_tool_use === true) chat.parallel_tool_calls = false;
}

/** The inverse of the outbound budgets (low 1024, medium 2048, high 4096 tokens). */
function reasoningEffort(body: Json): string | undefined {
  const thinking = body.thinking;
  if (isObject(thinking) && thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number') {
    const budget = thinking.budget_tokens;
    return budget < 2048 ? 'low' : budget < 4096 ? 'medium' : 'high';
  }
  const effort = isObject(body.output_config) ? body.output_config.effort : undefined;
  if (effort === 'low' || effort === 'medium' || effort === 'high') return effort;
  // Anthropic's levels above high have no portable OpenAI equivalent.
  return effort === 'xhigh' || effort === 'max' ? 'high' : undefined;
}

function responseFormat(outputConfig: unknown): Json | undefined {
  const format = isObject(outputConfig) ? outputConfig.format : undefined;
  if (!isObject(format) || format.type !== 'json_schema') return undefined;
  return { type: 'json_schema', json_schema: { name: 'output', schema: format.schema ?? {} } };
}

/** An Anthropic Messages request as an OpenAI chat request, for deployments that are not Anthropic. */
export function chatRequestFromMessages(body: Json): Json {
  if (!isObject(body)) throw GatewayError.badRequest('the request body must be a JSON object', null);
  if (!Array.isArray(body.messages))
    throw GatewayError.badRequest('messages is required and must be an array of messages', 'messages');
  const messages: Json[] = [];
  if (body.system !== undefined && body.system !== null) {
    const system = systemText(body.system, 'system');
    if (system) messages.push({ role: 'system', content: system });
  }
  body.messages.forEach((message: unknown, index) =>
    messages.push(...chatMessagesFromTurn(message, `messages[${index}]`)),
  );

  const chat: Json = { ...(body.model !== undefined ? { model: body.model } : {}), messages };
  for (const name of ['max_tokens', 'temperature', 'top_p', 'top_k'] as const)
    if (body[name] !== undefined && body[name] !== null) chat[name] = body[name];
  if (Array.isArray(body.stop_sequences)) chat.stop = body.stop_sequences;
  if (typeof body.stream === 'boolean') chat.stream = body.stream;
  if (body.stream === true) chat.stream_options = { include_usage: true };
  const userId = isObject(body.metadata) ? body.metadata.user_id : undefined;
  if (typeof userId === 'string') chat.user = userId;
  const tools = body.tools === undefined || body.tools === null ? [] : chatTools(body.tools);
  // OpenAI rejects an empty `tools` list, and a `tool_choice` without tools.
  if (tools.length > 0) {
    chat.tools = tools;
    applyToolChoice(chat, body.tool_choice);
  }
  const effort = reasoningEffort(body);
  if (effort) chat.reasoning_effort = effort;
  const format = responseFormat(body.output_config);
  if (format) chat.response_format = format;
  return chat;
}
