import { asArray, asNumber, asObject, asString, type JsonObject } from './json-fields';
import {
  AZURE_CONTENT_FILTER_RESULTS,
  azurePromptFilterResults,
  sseEvent,
  SSE_DONE,
  SYSTEM_FINGERPRINT,
  usage,
  type ResponseContext,
} from './response-context';
import { contentText, countTokens, replyFor, truncateToTokens, wordDeltas } from './text';
import { nextId } from './ids';

export const TOOL_ARGUMENTS = '{"location":"Paris"}';
// Split the way OpenAI's tokenizer streams it.
const TOOL_ARGUMENT_FRAGMENTS = ['{"', 'location', '":"', 'Paris', '"}'];
const TOOL_CALL_TOKENS = 12;

interface TextReply {
  kind: 'text';
  text: string;
  finishReason: 'stop' | 'length';
}

interface ToolReply {
  kind: 'tool';
  callId: string;
  name: string;
  arguments: string;
}

export interface ChatPlan {
  reply: TextReply | ToolReply;
  promptTokens: number;
  completionTokens: number;
  /** Number of choices (`n`). */
  choices: number;
}

/** Decides what the assistant says; `messages` has been checked to be an array. */
export function planChat(body: JsonObject, messages: unknown[]): ChatPlan {
  let promptTokens = 3;
  for (const message of messages)
    promptTokens += 3 + countTokens(contentText(asObject(message)?.['content']));
  const choices = Math.max(1, Math.min(8, asNumber(body['n']) ?? 1));
  const last = asObject(messages[messages.length - 1]);

  const toolName = requestedToolName(body, messages);
  if (toolName !== undefined && asString(last?.['role']) !== 'tool') {
    return {
      reply: { kind: 'tool', callId: nextId('call_'), name: toolName, arguments: TOOL_ARGUMENTS },
      promptTokens,
      completionTokens: TOOL_CALL_TOKENS * choices,
      choices,
    };
  }

  const wanted =
    asString(last?.['role']) === 'tool'
      ? `The tool returned: ${contentText(last?.['content'])}`
      : replyFor(lastUserText(messages));
  const maxTokens = asNumber(body['max_completion_tokens']) ?? asNumber(body['max_tokens']);
  const { text, truncated } = truncateToTokens(wanted, maxTokens);
  return {
    reply: { kind: 'text', text, finishReason: truncated ? 'length' : 'stop' },
    promptTokens,
    completionTokens: countTokens(text) * choices,
    choices,
  };
}

function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = asObject(messages[i]);
    if (asString(message?.['role']) === 'user') return contentText(message?.['content']);
  }
  return '';
}

/** The function to call when the request offers tools and asks for one; otherwise undefined. */
function requestedToolName(body: JsonObject, messages: unknown[]): string | undefined {
  const tools = asArray(body['tools']);
  if (!tools || tools.length === 0) return undefined;
  const choice = body['tool_choice'];
  if (choice === 'none') return undefined;
  const forced = asString(asObject(asObject(choice)?.['function'])?.['name']);
  if (forced !== undefined) return forced;
  const asked = choice === 'required' || lastUserText(messages).toLowerCase().includes('call a tool');
  if (!asked) return undefined;
  return asString(asObject(asObject(tools[0])?.['function'])?.['name']) ?? 'tool';
}

export function chatCompletionBody(ctx: ResponseContext, plan: ChatPlan, withUsage: boolean): JsonObject {
  const { reply } = plan;
  const message =
    reply.kind === 'text'
      ? { role: 'assistant', content: reply.text, refusal: null, annotations: [] }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: reply.callId,
              type: 'function',
              function: { name: reply.name, arguments: reply.arguments },
            },
          ],
          refusal: null,
          annotations: [],
        };
  const finishReason = reply.kind === 'text' ? reply.finishReason : 'tool_calls';
  const choices = Array.from({ length: plan.choices }, (_, index) => ({
    index,
    message,
    logprobs: null,
    finish_reason: finishReason,
    ...(ctx.azureFilters ? { content_filter_results: AZURE_CONTENT_FILTER_RESULTS } : {}),
  }));
  return {
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    ...(ctx.azureFilters ? { prompt_filter_results: azurePromptFilterResults() } : {}),
    choices,
    ...(withUsage ? { usage: usage(plan.promptTokens, plan.completionTokens) } : {}),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/** Every SSE event of a streamed chat completion, `data: [DONE]` included. */
export function chatCompletionChunks(ctx: ResponseContext, plan: ChatPlan, includeUsage: boolean): string[] {
  const chunk = (choices: JsonObject[], extra: JsonObject = {}): string =>
    sseEvent({
      id: ctx.id,
      object: 'chat.completion.chunk',
      created: ctx.created,
      model: ctx.model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices,
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    });
  const delta = (index: number, fields: JsonObject, finishReason: string | null = null): JsonObject => ({
    index,
    delta: fields,
    logprobs: null,
    finish_reason: finishReason,
  });

  const events: string[] = [];
  if (ctx.azureFilters) {
    events.push(
      sseEvent({
        choices: [],
        created: 0,
        id: '',
        model: '',
        object: '',
        prompt_filter_results: azurePromptFilterResults(),
      }),
    );
  }
  const { reply } = plan;
  for (let index = 0; index < plan.choices; index += 1) {
    if (reply.kind === 'text') {
      events.push(chunk([delta(index, { role: 'assistant', content: '', refusal: null })]));
      for (const word of wordDeltas(reply.text)) events.push(chunk([delta(index, { content: word })]));
      events.push(chunk([delta(index, {}, reply.finishReason)]));
    } else {
      const call = {
        index: 0,
        id: reply.callId,
        type: 'function',
        function: { name: reply.name, arguments: '' },
      };
      events.push(
        chunk([delta(index, { role: 'assistant', content: null, tool_calls: [call], refusal: null })]),
      );
      for (const fragment of TOOL_ARGUMENT_FRAGMENTS) {
        events.push(chunk([delta(index, { tool_calls: [{ index: 0, function: { arguments: fragment } }] })]));
      }
      events.push(chunk([delta(index, {}, 'tool_calls')]));
    }
  }
  if (includeUsage) events.push(chunk([], { usage: usage(plan.promptTokens, plan.completionTokens) }));
  events.push(SSE_DONE);
  return events;
}
