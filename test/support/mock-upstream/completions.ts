import { asArray, asNumber, asString, type JsonObject } from './json-fields';
import { sseEvent, SSE_DONE, SYSTEM_FINGERPRINT, type ResponseContext } from './response-context';
import { countTokens, replyFor, truncateToTokens, wordDeltas } from './text';

interface CompletionChoice {
  text: string;
  finishReason: 'stop' | 'length';
}

export interface CompletionPlan {
  choices: CompletionChoice[];
  promptTokens: number;
  completionTokens: number;
}

/** Prompts as strings; token-array prompts count as an empty prompt. */
function prompts(prompt: unknown): string[] {
  const single = asString(prompt);
  if (single !== undefined) return [single];
  const list = asArray(prompt);
  if (!list || list.length === 0) return [''];
  if (list.every((item) => typeof item === 'string')) return list as string[];
  return [''];
}

export function planCompletion(body: JsonObject): CompletionPlan {
  const maxTokens = asNumber(body['max_tokens']) ?? 16;
  const all = prompts(body['prompt']);
  const choices = all.map((prompt) => {
    const { text, truncated } = truncateToTokens(replyFor(prompt), maxTokens);
    return { text, finishReason: truncated ? ('length' as const) : ('stop' as const) };
  });
  return {
    choices,
    promptTokens: all.reduce((sum, prompt) => sum + countTokens(prompt), 0),
    completionTokens: choices.reduce((sum, choice) => sum + countTokens(choice.text), 0),
  };
}

const completionUsage = (plan: CompletionPlan): JsonObject => ({
  prompt_tokens: plan.promptTokens,
  completion_tokens: plan.completionTokens,
  total_tokens: plan.promptTokens + plan.completionTokens,
});

export function textCompletionBody(
  ctx: ResponseContext,
  plan: CompletionPlan,
  withUsage: boolean,
): JsonObject {
  return {
    id: ctx.id,
    object: 'text_completion',
    created: ctx.created,
    model: ctx.model,
    choices: plan.choices.map((choice, index) => ({
      text: choice.text,
      index,
      logprobs: null,
      finish_reason: choice.finishReason,
    })),
    ...(withUsage ? { usage: completionUsage(plan) } : {}),
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

export function textCompletionChunks(
  ctx: ResponseContext,
  plan: CompletionPlan,
  includeUsage: boolean,
): string[] {
  const chunk = (choices: JsonObject[], extra: JsonObject = {}): string =>
    sseEvent({
      id: ctx.id,
      object: 'text_completion',
      created: ctx.created,
      choices,
      model: ctx.model,
      system_fingerprint: SYSTEM_FINGERPRINT,
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    });
  const events: string[] = [];
  plan.choices.forEach((choice, index) => {
    for (const word of wordDeltas(choice.text)) {
      events.push(chunk([{ text: word, index, logprobs: null, finish_reason: null }]));
    }
    events.push(chunk([{ text: '', index, logprobs: null, finish_reason: choice.finishReason }]));
  });
  if (includeUsage) events.push(chunk([], { usage: completionUsage(plan) }));
  events.push(SSE_DONE);
  return events;
}
