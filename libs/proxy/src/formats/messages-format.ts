import { GatewayError } from '@switchyard/kernel';
import { openAiUsageOfAnthropic } from '@switchyard/providers';

import { messageFromChat } from '../messages/chat-to-message';
import { messageEventsFromChunks } from '../messages/chunks-to-events';
import { isObject } from '../messages/json-shapes';
import { messagesErrorBody } from '../messages/messages-errors';
import { chatRequestFromMessages } from '../messages/messages-to-chat';
import { withModel } from '../model-field';
import { streamError, type StreamCodec, type StreamState } from '../stream-relay';
import { upstreamBody } from '../upstream-body';
import type { InboundFormat } from './inbound-format';

type Json = Record<string, unknown>;

function frame(data: string, state: StreamState): string {
  let event: Json;
  try {
    event = JSON.parse(data) as Json;
  } catch {
    throw streamError('the upstream sent a stream event that is not JSON');
  }
  if (!isObject(event)) throw streamError('the upstream sent a non-object stream event');
  const type = typeof event.type === 'string' ? event.type : 'message';
  let text = data;
  if (type === 'message_start') {
    const message = event.message as Json | undefined;
    state.nativeUsage = { ...(message?.usage as Json | undefined) };
    state.usage = openAiUsageOfAnthropic(state.nativeUsage);
    if (message?.model !== undefined) text = withModel(data, state.requestedModel);
  } else if (type === 'message_delta' && isObject(event.usage)) {
    state.nativeUsage = { ...state.nativeUsage, ...event.usage };
    state.usage = openAiUsageOfAnthropic(state.nativeUsage);
  } else if (type === 'error') {
    const error = event.error as Json | undefined;
    const overloaded = error?.type === 'overloaded_error';
    throw new GatewayError(`litellm.APIError: ${String(error?.message ?? 'stream error')}`, {
      status: overloaded ? 529 : 502,
      type: 'api_error',
    });
  }
  return `event: ${type}\ndata: ${text}\n\n`;
}

/** Anthropic's stream: named events ending with `message_stop`, an `error` event on failure. */
const ANTHROPIC_STREAM: StreamCodec = {
  frame,
  doneFrame: '',
  errorFrame: (error) => `event: error\ndata: ${JSON.stringify(messagesErrorBody(error))}\n\n`,
};

function nativeBody(body: Json, upstreamModel: string): Json {
  const out = upstreamBody(body, upstreamModel, false);
  // Anthropic's own `metadata` (user_id) is not the gateway's.
  const userId = isObject(body.metadata) ? body.metadata.user_id : undefined;
  if (typeof userId === 'string') out.metadata = { user_id: userId };
  return out;
}

/**
 * `POST /v1/messages`: Anthropic's Messages API. Straight through to anthropic/ deployments;
 * translated to OpenAI chat and back for every other provider.
 */
export const MESSAGES_FORMAT: InboundFormat = {
  callType: 'messages',
  routeName: '/v1/messages',
  codec: ANTHROPIC_STREAM,
  wantsStream: (body) => body.stream === true,
  upstream: (body, route, stream) => {
    if (route.deployment.config.params.provider === 'anthropic' && body.mock_response === undefined) {
      return { callType: 'messages', body: nativeBody(body, route.upstreamModel), native: true };
    }
    const chat = upstreamBody(chatRequestFromMessages(body), route.upstreamModel, stream);
    return { callType: 'chat', body: chat, native: false };
  },
  response: (body, native, requestedModel) => {
    if (native) {
      body.model = requestedModel;
      return { body, usage: openAiUsageOfAnthropic(body.usage as Json | undefined) };
    }
    return { body: messageFromChat(body, requestedModel), usage: body.usage as Json | undefined };
  },
  events: (events, native, requestedModel) =>
    native ? events : messageEventsFromChunks(events, requestedModel),
};
