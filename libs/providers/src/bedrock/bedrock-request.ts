import { GatewayError } from '@switchyard/kernel';

import { toConverseMessages } from './bedrock-messages';

type Json = Record<string, unknown>;

/** LiteLLM's tool for `response_format`: the model is made to call it, its input is the answer. */
export const JSON_TOOL_NAME = 'json_tool_call';

const REASONING_BUDGET: Readonly<Record<string, number>> = { low: 1024, medium: 2048, high: 4096 };

// Converse fields a client may send as they are (LiteLLM passes provider-specific params through).
const NATIVE_FIELDS = ['guardrailConfig', 'performanceConfig', 'requestMetadata'] as const;

// OpenAI parameters Converse has no equivalent for.
const UNSUPPORTED = [
  'logprobs',
  'top_logprobs',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'logit_bias',
] as const;

/** 400 naming the parameters Bedrock cannot take, unless they are to be dropped (LiteLLM's UnsupportedParamsError). */
function checkSupported(body: Json, model: string, dropParams: boolean): void {
  if (dropParams) return;
  const found: string[] = UNSUPPORTED.filter((name) => body[name] !== undefined && body[name] !== null);
  if (typeof body.n === 'number' && body.n > 1) found.push('n');
  if (found.length === 0) return;
  throw GatewayError.badRequest(
    `litellm.UnsupportedParamsError: bedrock does not support parameters: [${found.map((f) => `'${f}'`).join(', ')}], for model=${model}. To drop these, set \`drop_params: true\` in litellm_settings, or send it with the request.`,
    found[0] ?? null,
  );
}

function toolSpecs(tools: unknown): Json[] {
  if (!Array.isArray(tools)) return [];
  return (tools as Json[])
    .filter((tool) => tool.type === 'function')
    .map((tool) => {
      const fn = tool.function as Json;
      return {
        toolSpec: {
          name: fn.name,
          ...(fn.description ? { description: fn.description } : {}),
          inputSchema: { json: fn.parameters ?? { type: 'object', properties: {} } },
        },
      };
    });
}

/** `response_format` asking for JSON as the schema of a forced tool, as LiteLLM does for Bedrock. */
function jsonToolSpec(format: unknown): Json | undefined {
  if (!format || typeof format !== 'object') return undefined;
  const { type, json_schema: jsonSchema } = format as Json;
  if (type !== 'json_object' && type !== 'json_schema') return undefined;
  const schema = (jsonSchema as Json | undefined)?.schema ?? { type: 'object' };
  return { toolSpec: { name: JSON_TOOL_NAME, inputSchema: { json: schema } } };
}

function toolChoice(choice: unknown): Json | undefined {
  if (choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  if (choice && typeof choice === 'object') {
    return { tool: { name: ((choice as Json).function as Json | undefined)?.name } };
  }
  return undefined;
}

function toolConfig(body: Json): { config?: Json; jsonMode: boolean } {
  // Converse has no "none": the tools are left out instead.
  const tools = body.tool_choice === 'none' ? [] : toolSpecs(body.tools);
  const jsonTool = jsonToolSpec(body.response_format);
  if (jsonTool && tools.length === 0) {
    return { config: { tools: [jsonTool], toolChoice: { tool: { name: JSON_TOOL_NAME } } }, jsonMode: true };
  }
  if (tools.length === 0) return { jsonMode: false };
  const choice = toolChoice(body.tool_choice);
  return { config: { tools, ...(choice ? { toolChoice: choice } : {}) }, jsonMode: false };
}

function inferenceConfig(body: Json): Json {
  const config: Json = {};
  const maxTokens = body.max_tokens ?? body.max_completion_tokens;
  if (maxTokens !== undefined && maxTokens !== null) config.maxTokens = maxTokens;
  if (body.temperature !== undefined && body.temperature !== null) config.temperature = body.temperature;
  if (body.top_p !== undefined && body.top_p !== null) config.topP = body.top_p;
  if (body.stop !== undefined && body.stop !== null) {
    config.stopSequences = Array.isArray(body.stop) ? body.stop : [body.stop];
  }
  return config;
}

function additionalFields(body: Json): Json {
  const fields: Json = { ...(body.additionalModelRequestFields as Json | undefined) };
  if (body.top_k !== undefined && body.top_k !== null) fields.top_k = body.top_k;
  const budget =
    typeof body.reasoning_effort === 'string' ? REASONING_BUDGET[body.reasoning_effort] : undefined;
  if (budget) fields.thinking = { type: 'enabled', budget_tokens: budget };
  if (body.thinking !== undefined) fields.thinking = body.thinking;
  return fields;
}

/**
 * An OpenAI chat request as the Converse API expects it. `jsonMode`: the answer comes back as a
 * call of the JSON tool and is to be turned into text.
 */
export function toConverseRequest(
  body: Json,
  model: string,
  dropParams = false,
): { request: Json; jsonMode: boolean } {
  checkSupported(body, model, dropParams);
  const { system, messages } = toConverseMessages((body.messages as Json[] | undefined) ?? []);
  const request: Json = { messages };
  if (system.length > 0) request.system = system;
  const inference = inferenceConfig(body);
  if (Object.keys(inference).length > 0) request.inferenceConfig = inference;
  const { config, jsonMode } = toolConfig(body);
  if (config) request.toolConfig = config;
  const additional = additionalFields(body);
  if (Object.keys(additional).length > 0) request.additionalModelRequestFields = additional;
  for (const name of NATIVE_FIELDS) if (body[name] !== undefined) request[name] = body[name];
  return { request, jsonMode };
}
