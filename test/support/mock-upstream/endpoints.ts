import type { OutgoingHttpHeaders } from 'node:http';
import { chatCompletionBody, chatCompletionChunks, planChat } from './chat';
import { textCompletionBody, textCompletionChunks, planCompletion } from './completions';
import type { Directives } from './directives';
import { embeddingsBody } from './embeddings';
import { missingParameter, openAIError, type ErrorResponse } from './errors';
import type { Exchange } from './exchange';
import { nextId, unixSeconds } from './ids';
import { asArray, asObject, type JsonObject } from './json-fields';
import { moderationBody } from './moderations';
import { planResponse } from './responses';
import type { ResponseContext } from './response-context';
import type { RouteMatch } from './routes';

export interface EndpointSettings {
  chunkDelayMs: number;
  azureContentFilters: boolean;
  models: readonly string[];
}

export interface Answer {
  ex: Exchange;
  route: RouteMatch;
  /** `{}` for GET routes. */
  body: JsonObject;
  directives: Directives;
  headers: OutgoingHttpHeaders;
  /** Model name reported in the response. */
  model: string;
  settings: EndpointSettings;
}

const MODEL_CREATED = 1715367049;

export function answer(input: Answer): Promise<void> | void {
  switch (input.route.endpoint) {
    case 'chat':
      return answerChat(input);
    case 'completions':
      return answerCompletion(input);
    case 'embeddings': {
      const body = embeddingsBody(input.body, input.model);
      return body ? respondJson(input, body) : input.ex.sendError(missingParameter('input'), input.headers);
    }
    case 'moderations': {
      const body = moderationBody(input.body);
      return body ? respondJson(input, body) : input.ex.sendError(missingParameter('input'), input.headers);
    }
    case 'responses': {
      const planned = planResponse(input.body, input.model);
      return input.body['stream'] === true
        ? respondStream(input, planned.events)
        : respondJson(input, planned.body);
    }
    case 'list-models':
      return respondJson(input, { object: 'list', data: input.settings.models.map(modelObject) });
    case 'get-model':
      return respondJson(
        input,
        modelObject(input.route.flavor === 'openai' ? (input.route.modelId ?? '') : ''),
      );
  }
}

const modelObject = (id: string): JsonObject => ({
  id,
  object: 'model',
  created: MODEL_CREATED,
  owned_by: 'system',
});

function context(input: Answer, idPrefix: string): ResponseContext {
  const azure = input.route.flavor === 'azure';
  return {
    id: nextId(idPrefix),
    created: unixSeconds(),
    model: input.model,
    azure,
    azureFilters: azure && input.settings.azureContentFilters,
  };
}

function answerChat(input: Answer): Promise<void> | void {
  const messages = asArray(input.body['messages']);
  if (!messages) return input.ex.sendError(missingParameter('messages'), input.headers);
  const plan = planChat(input.body, messages);
  if (input.body['stream'] !== true) {
    return respondJson(
      input,
      chatCompletionBody(context(input, 'chatcmpl-'), plan, !input.directives.usageNone),
    );
  }
  return respondStream(input, chatCompletionChunks(context(input, 'chatcmpl-'), plan, wantsUsage(input)));
}

function answerCompletion(input: Answer): Promise<void> | void {
  if (input.body['prompt'] === undefined)
    return input.ex.sendError(missingParameter('prompt'), input.headers);
  const plan = planCompletion(input.body);
  if (input.body['stream'] !== true) {
    return respondJson(input, textCompletionBody(context(input, 'cmpl-'), plan, !input.directives.usageNone));
  }
  return respondStream(input, textCompletionChunks(context(input, 'cmpl-'), plan, wantsUsage(input)));
}

const wantsUsage = (input: Answer): boolean =>
  asObject(input.body['stream_options'])?.['include_usage'] === true && !input.directives.usageNone;

export function respondJson(
  input: Pick<Answer, 'ex' | 'headers' | 'directives'>,
  body: unknown,
): Promise<void> | void {
  if (input.directives.dropMidStream) return input.ex.sendTruncated(input.headers, body);
  input.ex.sendJson(200, input.headers, body);
}

export function respondStream(
  input: Pick<Answer, 'ex' | 'headers' | 'directives' | 'settings'>,
  events: readonly string[],
): Promise<void> {
  return input.ex.stream(input.headers, events, {
    chunkDelayMs: input.directives.slowChunksMs ?? input.settings.chunkDelayMs,
    dropMidStream: input.directives.dropMidStream,
    malformed: input.directives.malformedStream,
  });
}

export const missingModel = (): ErrorResponse =>
  openAIError(400, 'you must provide a model parameter', 'invalid_request_error');
