import type { CallType } from '@switchyard/providers';
import type { Route } from '@switchyard/routing';

import type { StreamCodec } from '../stream-relay';

/** What the provider is sent for one request. */
export interface UpstreamRequest {
  readonly callType: CallType;
  readonly body: Record<string, unknown>;
  /** The provider answers in the client's own format: no translation back. */
  readonly native: boolean;
}

/**
 * One client wire format (OpenAI chat, Anthropic messages, OpenAI responses...): how its
 * requests reach a deployment and how the answers come back. Every format goes through the
 * same policy (auth, model access, limits, spend) in ProxyHandler.
 */
export interface InboundFormat {
  /** The call type recorded in the spend ledger. */
  readonly callType: CallType;
  /** The route named in "Invalid model name" errors. */
  readonly routeName: string;
  readonly codec: StreamCodec;
  wantsStream(body: Record<string, unknown>): boolean;
  /** The upstream request for the chosen deployment; throws a 400 when it cannot serve this format. */
  upstream(body: Record<string, unknown>, route: Route, stream: boolean): UpstreamRequest;
  /** The client's body from the provider's JSON answer, and its usage in OpenAI's shape. */
  response(
    body: Record<string, unknown>,
    native: boolean,
    requestedModel: string,
  ): { body: Record<string, unknown>; usage: Record<string, unknown> | undefined };
  /** The client-format event data from the provider's stream. */
  events(events: AsyncIterable<string>, native: boolean, requestedModel: string): AsyncIterable<string>;
}
