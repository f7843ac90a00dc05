import { GatewayError, toErrorBody } from '@switchyard/kernel';

import { withModel } from '../model-field';
import { streamError, type StreamCodec, type StreamState } from '../stream-relay';
import { upstreamBody } from '../upstream-body';
import type { InboundFormat } from './inbound-format';

type Json = Record<string, unknown>;

/** Providers whose own API serves `/v1/responses`. */
const RESPONSES_PROVIDERS = new Set(['openai', 'azure']);

/** The Responses API's usage (`input_tokens`...) in OpenAI chat's shape, for pricing. */
export function chatUsageOfResponse(usage: unknown): Json | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const { input_tokens, output_tokens, input_tokens_details } = usage as Json;
  return {
    prompt_tokens: input_tokens,
    completion_tokens: output_tokens,
    prompt_tokens_details: {
      cached_tokens: (input_tokens_details as Json | undefined)?.cached_tokens ?? 0,
    },
  };
}

function frame(data: string, state: StreamState): string {
  let event: Json;
  try {
    event = JSON.parse(data) as Json;
  } catch {
    throw streamError('the upstream sent a stream event that is not JSON');
  }
  if (event === null || typeof event !== 'object') throw streamError('the upstream sent a non-object event');
  const type = typeof event.type === 'string' ? event.type : 'message';
  if (type === 'error') {
    throw streamError(`the upstream reported an error mid-stream: ${String(event.message ?? 'unknown')}`);
  }
  const response = event.response as Json | undefined;
  if (response?.usage) state.usage = chatUsageOfResponse(response.usage);
  const text = response?.model !== undefined ? withModel(data, state.requestedModel) : data;
  return `event: ${type}\ndata: ${text}\n\n`;
}

/** The Responses API's stream: named events, no `[DONE]`, an `error` event on failure. */
const RESPONSES_STREAM: StreamCodec = {
  frame,
  doneFrame: '',
  errorFrame: (error: GatewayError) => {
    const { message, type } = toErrorBody(error).error;
    return `event: error\ndata: ${JSON.stringify({ type: 'error', code: type, message, param: null })}\n\n`;
  },
};

/** `POST /v1/responses`: OpenAI's Responses API, passed through to OpenAI and Azure deployments. */
export const RESPONSES_FORMAT: InboundFormat = {
  callType: 'responses',
  routeName: '/responses',
  codec: RESPONSES_STREAM,
  wantsStream: (body) => body.stream === true,
  upstream: (body, route) => {
    const { provider } = route.deployment.config.params;
    if (!RESPONSES_PROVIDERS.has(provider)) {
      throw GatewayError.badRequest(
        `/responses is served by openai/ and azure/ deployments; model=${String(body.model)} is a ${provider}/ deployment`,
        'model',
      );
    }
    return { callType: 'responses', body: upstreamBody(body, route.upstreamModel, false), native: true };
  },
  response: (body, _native, requestedModel) => {
    body.model = requestedModel;
    return { body, usage: chatUsageOfResponse(body.usage) };
  },
  events: (events) => events,
};
