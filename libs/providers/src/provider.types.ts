import type { DeploymentConfig } from '@switchyard/config';

import type { ClientDisconnect } from './client-disconnect';

/**
 * `messages` is Anthropic's Messages API and `responses` OpenAI's Responses API, each sent only to
 * deployments that speak it natively; every adapter serves the OpenAI-shaped call types.
 */
export type CallType =
  'chat' | 'completion' | 'embedding' | 'moderation' | 'messages' | 'responses' | 'realtime';

/** One upstream call, as the proxy hands it to a deployment. */
export interface ProviderCall {
  readonly callType: CallType;
  /** The provider's model name (wildcards already substituted). */
  readonly upstreamModel: string;
  /** The OpenAI-shaped request body, stripped of gateway-only fields, `model` already set. */
  readonly body: Record<string, unknown>;
  readonly stream: boolean;
  readonly signal: ClientDisconnect;
  /** Milliseconds until the whole answer (non-stream) or between chunks (stream). */
  readonly timeoutMs: number;
  /** Milliseconds until the first byte of a stream. */
  readonly streamTimeoutMs: number;
  /** Drop parameters the provider cannot take instead of refusing (`drop_params`). */
  readonly dropParams: boolean;
  /** Client headers a native pass-through forwards (`anthropic-beta` on `/v1/messages`). */
  readonly passthroughHeaders?: Readonly<Record<string, string>>;
}

/** The upstream's answer in OpenAI's shape: a JSON body, or a stream of chunk JSON texts. */
export type ProviderResult = (
  | { readonly kind: 'json'; readonly body: Record<string, unknown> }
  | { readonly kind: 'stream'; readonly events: AsyncIterable<string> }
) & {
  /** The upstream's own `x-ratelimit-*` headers, passed on when the gateway sets none. */
  readonly rateLimitHeaders?: Readonly<Record<string, string>>;
};

/** A deployment bound to its provider: everything that depends only on config is done once. */
export interface BoundDeployment {
  readonly config: DeploymentConfig;
  /** The api base reported in `x-litellm-model-api-base`. */
  readonly apiBase: string;
  call(call: ProviderCall): Promise<ProviderResult>;
  /** Where a realtime WebSocket session is relayed to; absent for providers without one. */
  realtime?(upstreamModel: string): RealtimeTarget;
}

export interface RealtimeTarget {
  /** A `ws:` or `wss:` URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The WebSocket URL for an http(s) API base. */
export function webSocketBase(apiBase: string): string {
  return apiBase.replace(/^http/, 'ws');
}

export interface ProviderAdapter {
  bind(deployment: DeploymentConfig): BoundDeployment;
}

export const CALL_TYPE_PATHS: Readonly<Record<CallType, string>> = {
  chat: 'chat/completions',
  completion: 'completions',
  embedding: 'embeddings',
  moderation: 'moderations',
  messages: 'messages',
  responses: 'responses',
  realtime: 'realtime',
};

/** The HTTP headers of a deployment, minus the JSON content type, for a WebSocket handshake. */
export function withoutContentType(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out = { ...headers };
  delete out['content-type'];
  return out;
}
