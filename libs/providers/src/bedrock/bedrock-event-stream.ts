import { crc32 } from 'node:zlib';

import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

import { malformedUpstreamError } from '../upstream/upstream-errors';
import { BEDROCK_LABEL } from './bedrock-errors';

/** One decoded event-stream message: its string headers (`:event-type`...) and its payload text. */
export interface EventStreamMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

// Total length, headers length, prelude CRC; a message also ends with its own CRC.
const PRELUDE_LENGTH = 12;
const MIN_MESSAGE_LENGTH = 16;
// AWS caps an event-stream message at 16 MiB; a larger length means a corrupt prelude.
const MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;

function corrupt(reason: string) {
  return malformedUpstreamError(BEDROCK_LABEL, `the event stream is corrupt: ${reason}`);
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function decode(frame: Buffer): EventStreamMessage {
  let message: ReturnType<EventStreamCodec['decode']>;
  try {
    // The codec checks both CRCs.
    message = codec.decode(frame);
  } catch (error) {
    throw corrupt(error instanceof Error ? error.message : 'undecodable message');
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers)) {
    if (header.type === 'string') headers[name] = header.value;
  }
  return { headers, body: toUtf8(message.body) };
}

/**
 * @hotpath AWS event-stream messages from a binary body, whatever the network chunk boundaries:
 * bytes are buffered until a whole length-prefixed message is there.
 */
export async function* eventStreamMessages(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<EventStreamMessage> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of body) {
    pending = pending.length === 0 ? asBuffer(chunk) : Buffer.concat([pending, chunk]);
    while (pending.length >= PRELUDE_LENGTH) {
      // The prelude is checked first, so a corrupt length never makes us wait for bytes that will not come.
      if (crc32(pending.subarray(0, 8)) !== pending.readUInt32BE(8)) {
        throw corrupt('the prelude checksum does not match');
      }
      const length = pending.readUInt32BE(0);
      if (length < MIN_MESSAGE_LENGTH || length > MAX_MESSAGE_LENGTH) {
        throw corrupt(`a message claims ${length} bytes`);
      }
      if (pending.length < length) break;
      yield decode(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  }
  if (pending.length > 0) throw corrupt('the stream ended inside a message');
}
