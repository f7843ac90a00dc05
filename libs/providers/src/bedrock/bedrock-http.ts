import { GatewayError } from '@switchyard/kernel';
import type { Dispatcher, Pool } from 'undici';

import type { ProviderCall } from '../provider.types';
import { malformedUpstreamError, upstreamTransportError } from '../upstream/upstream-errors';
import type { BedrockAuth } from './bedrock-auth';
import { BEDROCK_LABEL, bedrockHttpError } from './bedrock-errors';

type Json = Record<string, unknown>;

/** Where a deployment's requests go and how they are authenticated, fixed at bind. */
export interface BedrockTarget {
  readonly pool: Pool;
  /** The `host` header (with the port when not the default), part of the signature. */
  readonly host: string;
  /** A path prefix from `api_base`, '' for the regional endpoint. */
  readonly basePath: string;
  readonly auth: BedrockAuth;
  readonly extraHeaders: Readonly<Record<string, string>>;
}

export type BedrockAction = 'converse' | 'converse-stream' | 'invoke';

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * @hotpath POSTs a JSON body to `/model/{id}/{action}`, signed over its exact bytes, and returns
 * the 2xx response; any other answer becomes the client's error.
 */
export async function postBedrock(
  target: BedrockTarget,
  modelId: string,
  action: BedrockAction,
  body: Json,
  call: Pick<ProviderCall, 'signal' | 'timeoutMs' | 'streamTimeoutMs'>,
): Promise<Dispatcher.ResponseData> {
  // Ids such as `us.anthropic.claude-...-v1:0` and ARNs travel as one encoded path segment.
  const path = `${target.basePath}/model/${encodeURIComponent(modelId)}/${action}`;
  const text = JSON.stringify(body);
  const stream = action === 'converse-stream';
  const headers = await target.auth({
    host: target.host,
    path,
    body: text,
    headers: {
      ...target.extraHeaders,
      'content-type': 'application/json',
      accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
    },
  });
  let response: Dispatcher.ResponseData;
  try {
    response = await target.pool.request({
      method: 'POST',
      path,
      headers,
      body: text,
      signal: call.signal,
      headersTimeout: stream ? call.streamTimeoutMs : call.timeoutMs,
      bodyTimeout: call.timeoutMs,
    });
  } catch (error) {
    throw upstreamTransportError(BEDROCK_LABEL, error);
  }
  if (response.statusCode >= 400) {
    const errorText = await response.body.text().catch(() => '');
    throw bedrockHttpError(
      response.statusCode,
      errorText,
      headerValue(response.headers['x-amzn-errortype']),
      headerValue(response.headers['retry-after']),
    );
  }
  return response;
}

/** The JSON object of a 2xx answer. */
export async function readJson(response: Dispatcher.ResponseData): Promise<Json> {
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw upstreamTransportError(BEDROCK_LABEL, error);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformedUpstreamError(BEDROCK_LABEL, 'the upstream answered with invalid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw malformedUpstreamError(BEDROCK_LABEL, 'the upstream answered with a non-object JSON body');
  }
  return body as Json;
}

/** Errors while reading a stream's body (dropped connection, timeout) as the client's error. */
export async function* guardStream<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* items;
  } catch (error) {
    throw error instanceof GatewayError ? error : upstreamTransportError(BEDROCK_LABEL, error);
  }
}
