import { GatewayError } from '@switchyard/kernel';

import { geminiContents } from './gemini-contents';
import { geminiSchema } from './gemini-schema';

type Json = Record<string, unknown>;

// LiteLLM's budgets for `reasoning_effort`; "none"/"disable" turn thinking off.
const THINKING_BUDGET: Readonly<Record<string, number>> = {
  none: 0,
  disable: 0,
  low: 1024,
  medium: 2048,
  high: 4096,
};

// OpenAI request fields copied into `generationConfig` under Gemini's name.
const GENERATION_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['temperature', 'temperature'],
  ['top_p', 'topP'],
  ['top_k', 'topK'],
  ['n', 'candidateCount'],
  ['seed', 'seed'],
  ['presence_penalty', 'presencePenalty'],
  ['frequency_penalty', 'frequencyPenalty'],
  ['logprobs', 'responseLogprobs'],
  ['top_logprobs', 'logprobs'],
];

function unsupportedParams(body: Json): string[] {
  const found: string[] = [];
  if (body.logit_bias !== undefined && body.logit_bias !== null) found.push('logit_bias');
  // Gemini has no switch for parallel calls: it cannot promise one call when several tools exist.
  if (body.parallel_tool_calls === false && Array.isArray(body.tools) && body.tools.length > 1)
    found.push('parallel_tool_calls');
  return found;
}

/** 400 naming the parameters Gemini cannot take, unless they are to be dropped (LiteLLM's UnsupportedParamsError). */
function checkSupported(body: Json, model: string, dropParams: boolean): void {
  const found = dropParams ? [] : unsupportedParams(body);
  if (found.length === 0) return;
  throw GatewayError.badRequest(
    `litellm.UnsupportedParamsError: gemini does not support parameters: [${found.map((f) => `'${f}'`).join(', ')}], for model=${model}. To drop these, set \`drop_params: true\` in litellm_settings, or send it with the request.`,
    found[0] ?? null,
  );
}

function geminiTools(tools: Json[]): Json[] {
  const declarations: Json[] = [];
  const others: Json[] = [];
  for (const tool of tools) {
    if (tool.type !== 'function') {
      // Google's own tools (`googleSearch`, `codeExecution`, ...) are sent as written.
      others.push(tool);
      continue;
    }
    const fn = tool.function as Json;
    declarations.push({
      name: fn.name,
      ...(fn.description ? { description: fn.description } : {}),
      ...(fn.parameters ? { parameters: geminiSchema(fn.parameters) } : {}),
    });
  }
  return declarations.length > 0 ? [{ functionDeclarations: declarations }, ...others] : others;
}

function functionCallingConfig(choice: unknown): Json | undefined {
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'auto') return { mode: 'AUTO' };
  if (choice === 'required') return { mode: 'ANY' };
  const name = ((choice as Json | undefined)?.function as Json | undefined)?.name;
  return typeof name === 'string' ? { mode: 'ANY', allowedFunctionNames: [name] } : undefined;
}

function thinkingConfig(body: Json): Json | undefined {
  const thinking = body.thinking as Json | undefined;
  if (thinking?.type === 'enabled' && typeof thinking.budget_tokens === 'number')
    return { thinkingBudget: thinking.budget_tokens, includeThoughts: true };
  const budget =
    typeof body.reasoning_effort === 'string' ? THINKING_BUDGET[body.reasoning_effort] : undefined;
  if (budget === undefined) return undefined;
  return budget === 0 ? { thinkingBudget: 0 } : { thinkingBudget: budget, includeThoughts: true };
}

function generationConfig(body: Json): Json {
  const config: Json = {};
  for (const [from, to] of GENERATION_FIELDS) if (body[from] !== undefined) config[to] = body[from];
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens !== undefined) config.maxOutputTokens = maxTokens;
  if (body.stop !== undefined) config.stopSequences = Array.isArray(body.stop) ? body.stop : [body.stop];
  const format = body.response_format as Json | undefined;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    const schema = (format.json_schema as Json | undefined)?.schema;
    if (schema) config.responseSchema = geminiSchema(schema);
  }
  const thinking = thinkingConfig(body);
  if (thinking) config.thinkingConfig = thinking;
  return config;
}

/** An OpenAI chat request as Gemini's `generateContent` body; `safetySettings` from the deployment apply by default. */
export function toGeminiRequest(
  body: Json,
  model: string,
  dropParams: boolean,
  deploymentSafety?: unknown,
): Json {
  checkSupported(body, model, dropParams);
  const request: Json = { ...geminiContents((body.messages as Json[] | undefined) ?? []) };
  if (Array.isArray(body.tools) && body.tools.length > 0) request.tools = geminiTools(body.tools as Json[]);
  const calling = functionCallingConfig(body.tool_choice);
  if (calling) request.toolConfig = { functionCallingConfig: calling };
  const safety = body.safety_settings ?? deploymentSafety;
  if (safety !== undefined) request.safetySettings = safety;
  const config = generationConfig(body);
  if (Object.keys(config).length > 0) request.generationConfig = config;
  return request;
}
