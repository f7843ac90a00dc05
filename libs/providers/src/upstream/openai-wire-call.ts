import { GatewayError } from '@switchyard/kernel';
import type { Dispatcher, Pool } from 'undici';

import type { ProviderCall, ProviderResult } from '../provider.types';
import { malformedUpstreamError, upstreamHttpError, upstreamTransportError } from './upstream-errors';
import { sseData } from './sse-data';

/** Where and how to send a request that speaks OpenAI's wire format. */
export interface OpenAiWireTarget {
  readonly pool: Pool;
  readonly headers: Readonly<Record<string, string>>;
  /** Provider name in error messages, LiteLLM-style (`OpenAIException`). */
  readonly label: string;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** @hotpath */
function rateLimitHeadersOf(headers: Dispatcher.ResponseData['headers']): Record<string, string> | undefined {
  let picked: Record<string, string> | undefined;
  for (const name in headers) {
    if (name.startsWith('x-ratelimit-')) {
      const value = headerValue(headers[name]);
      if (value !== undefined) (picked ??= {})[name] = value;
    }
  }
  return picked;
}

async function* guardStream(events: AsyncIterable<string>, label: string): AsyncGenerator<string> {
  try {
    yield* events;
  } catch (error) {
    throw error instanceof GatewayError ? error : upstreamTransportError(label, error);
  }
}

/** @hotpath POSTs an OpenAI-shaped request and returns the JSON answer or the SSE data stream. */
export async function callOpenAiWire(
  target: OpenAiWireTarget,
  path: string,
  call: ProviderCall,
): Promise<ProviderResult> {
  let response: Dispatcher.ResponseData;
  try {
    response = await target.pool.request({
      method: 'POST',
      path,
      headers: target.headers,
      body: JSON.stringify(call.body),
      signal: call.signal,
      headersTimeout: call.stream ? call.streamTimeoutMs : call.timeoutMs,
      bodyTimeout: call.timeoutMs,
    });
  } catch (error) {
    throw upstreamTransportError(target.label, error);
  }

  if (response.statusCode >= 400) {
    const text = await response.body.text().catch(() => '');
    throw upstreamHttpError(target.label, response.statusCode, text, response.headers);
  }

  const rateLimitHeaders = rateLimitHeadersOf(response.headers);
  if (call.stream) {
    return { kind: 'stream', events: guardStream(sseData(response.body), target.label), rateLimitHeaders };
  }

  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw upstreamTransportError(target.label, error);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformedUpstreamError(target.label, 'the upstream answered with invalid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw malformedUpstreamError(target.label, 'the upstream answered with a non-object JSON body');
  }
  return { kind: 'json', body: body as Record<string, unknown>, rateLimitHeaders };
}
