import type { CallType } from '@switchyard/providers';
import type { Route } from '@switchyard/routing';

import { OPENAI_STREAM } from '../stream-relay';
import { upstreamBody } from '../upstream-body';
import type { InboundFormat, UpstreamRequest } from './inbound-format';

const ROUTE_NAMES: Readonly<Record<string, string>> = {
  chat: '/chat/completions',
  completion: '/completions',
  embedding: '/embeddings',
  moderation: '/moderations',
};

/** @hotpath OpenAI's own routes: every provider adapter speaks this shape, so nothing is translated. */
function openAiFormat(callType: CallType): InboundFormat {
  const streams = callType === 'chat' || callType === 'completion';
  return {
    callType,
    routeName: ROUTE_NAMES[callType] ?? `/${callType}`,
    codec: OPENAI_STREAM,
    wantsStream: (body) => streams && body.stream === true,
    upstream: (body, route: Route, stream): UpstreamRequest => ({
      callType,
      body: upstreamBody(body, route.upstreamModel, stream),
      native: true,
    }),
    response: (body, _native, requestedModel) => {
      body.model = requestedModel;
      return { body, usage: body.usage as Record<string, unknown> | undefined };
    },
    events: (events) => events,
  };
}

export const OPENAI_FORMATS = {
  chat: openAiFormat('chat'),
  completion: openAiFormat('completion'),
  embedding: openAiFormat('embedding'),
  moderation: openAiFormat('moderation'),
} as const;
