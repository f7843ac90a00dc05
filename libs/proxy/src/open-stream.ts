import type { ClientDisconnect } from '@switchyard/providers';

import type { InboundFormat } from './formats/inbound-format';
import type { StreamState } from './stream-relay';

export interface OpenedStream {
  readonly iterator: AsyncIterator<string>;
  /** The first frame for the client; null when the stream ended before any. */
  readonly firstFrame: string | null;
  readonly state: StreamState;
}

async function* tapped(events: AsyncIterable<string>, tap: (data: string) => void): AsyncGenerator<string> {
  for await (const data of events) {
    tap(data);
    yield data;
  }
}

/**
 * @hotpath Reads a stream up to its first frame for the client (skipping frames it hides), so a
 * stream that fails early fails before any byte is sent. `tap` sees every event's data.
 */
export async function openStream(
  format: InboundFormat,
  events: AsyncIterable<string>,
  body: Record<string, unknown>,
  requestedModel: string,
  signal: ClientDisconnect,
  tap?: (data: string) => void,
): Promise<OpenedStream> {
  const state: StreamState = {
    requestedModel,
    clientWantsUsage:
      (body.stream_options as { include_usage?: unknown } | null | undefined)?.include_usage === true,
    signal,
    usage: undefined,
  };
  const iterator = (tap ? tapped(events, tap) : events)[Symbol.asyncIterator]();
  let firstFrame: string | undefined | null;
  try {
    do {
      const first = await iterator.next();
      firstFrame = first.done ? null : format.codec.frame(first.value, state);
    } while (firstFrame === undefined);
  } catch (error) {
    await iterator.return?.().catch(() => undefined);
    throw error;
  }
  return { iterator, firstFrame, state };
}
