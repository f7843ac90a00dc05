import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

import { GatewayError, toErrorBody } from '@switchyard/kernel';
import type { ClientDisconnect } from '@switchyard/providers';

import { withModel } from './model-field';

export interface StreamState {
  readonly requestedModel: string;
  /** The client asked for `stream_options.include_usage`; otherwise the usage chunk is hidden. */
  readonly clientWantsUsage: boolean;
  readonly signal: ClientDisconnect;
  /** The stream's usage so far, in OpenAI's shape (`prompt_tokens`...), whatever the client format. */
  usage: Record<string, unknown> | undefined;
  /** The client format's own usage so far, for codecs that add it up from several events. */
  nativeUsage?: Record<string, unknown>;
}

/** How one client wire format frames a stream: each event, the end, and a failure mid-stream. */
export interface StreamCodec {
  /** The frame for one event's data: `undefined` to skip it, `null` when the stream is over. */
  frame(data: string, state: StreamState): string | undefined | null;
  readonly doneFrame: string;
  errorFrame(error: GatewayError): string;
}

export function streamError(message: string): GatewayError {
  return new GatewayError(`litellm.APIError: ${message}`, { status: 502, type: 'api_error' });
}

/**
 * @hotpath One upstream SSE `data` payload as the frame the client receives: `undefined` to
 * skip it (the usage chunk the client did not ask for), `null` at `[DONE]`.
 */
export function clientFrame(data: string, state: StreamState): string | undefined | null {
  if (data === '[DONE]') return null;
  let chunk: { model?: unknown; usage?: unknown; choices?: unknown; error?: unknown };
  try {
    chunk = JSON.parse(data) as typeof chunk;
  } catch {
    throw streamError('the upstream sent a stream chunk that is not JSON');
  }
  if (chunk === null || typeof chunk !== 'object')
    throw streamError('the upstream sent a non-object stream chunk');
  if (chunk.error) {
    const message = (chunk.error as { message?: unknown }).message;
    throw streamError(
      `the upstream reported an error mid-stream: ${typeof message === 'string' ? message : 'unknown error'}`,
    );
  }
  if (chunk.usage && typeof chunk.usage === 'object') {
    state.usage = chunk.usage as Record<string, unknown>;
    if (!state.clientWantsUsage && Array.isArray(chunk.choices) && chunk.choices.length === 0)
      return undefined;
  }
  const text =
    chunk.model === undefined || chunk.model === state.requestedModel
      ? data
      : withModel(data, state.requestedModel);
  return `data: ${text}\n\n`;
}

async function write(raw: ServerResponse, frame: string): Promise<void> {
  if (!raw.write(frame)) await Promise.race([once(raw, 'drain'), once(raw, 'close')]);
}

/**
 * @hotpath Writes the already-received first frame, then relays the rest chunk by chunk as they
 * arrive. An error after the first chunk becomes one `data: {"error":...}` event, then the
 * stream ends; a client that went away just stops the relay (the upstream was aborted).
 */
export async function relayStream(
  raw: ServerResponse,
  firstFrame: string | undefined | null,
  rest: AsyncIterator<string>,
  state: StreamState,
  codec: StreamCodec,
  trailers: () => Record<string, string>,
): Promise<boolean> {
  try {
    let frame = firstFrame;
    while (frame !== null) {
      if (frame !== undefined) await write(raw, frame);
      if (state.signal.aborted) return false;
      const next = await rest.next();
      frame = next.done ? null : codec.frame(next.value, state);
    }
    await rest.return?.();
    if (codec.doneFrame) raw.write(codec.doneFrame);
    raw.addTrailers(trailers());
    raw.end();
    return true;
  } catch (error) {
    if (state.signal.aborted) {
      raw.destroy();
      return false;
    }
    const gatewayError = error instanceof GatewayError ? error : streamError('the stream failed');
    raw.end(codec.errorFrame(gatewayError));
    return false;
  }
}

/** OpenAI's chat and completion streams: `data:` frames ending with `[DONE]`. */
export const OPENAI_STREAM: StreamCodec = {
  frame: clientFrame,
  doneFrame: 'data: [DONE]\n\n',
  errorFrame: (error) => `data: ${JSON.stringify(toErrorBody(error))}\n\n`,
};
