import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ErrorResponse } from './errors';
import { SSE_DONE } from './response-context';

export const SSE_HEADERS: OutgoingHttpHeaders = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
});

export interface StreamBehaviour {
  chunkDelayMs: number;
  /** Write two events, then cut the connection. */
  dropMidStream: boolean;
  /** Replace everything after the first event with an unparsable event and `[DONE]`. */
  malformed: boolean;
}

/** One request/response pair: knows whether the client left and how to answer, wait or hang up. */
export class Exchange {
  closed = false;
  private droppedByMock = false;
  private wakers: Set<() => void> | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    private readonly onClientAbort: () => void,
  ) {
    res.once('close', this.onClose);
  }

  private readonly onClose = (): void => {
    this.closed = true;
    if (!this.res.writableFinished && !this.droppedByMock) this.onClientAbort();
    if (this.wakers) for (const wake of this.wakers) wake();
  };

  /** Resolves after `ms`, or at once when the client goes away. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wakers = (this.wakers ??= new Set());
      const wake = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });
  }

  /** Destroys the socket without a response (not counted as a client abort). */
  drop(): void {
    this.droppedByMock = true;
    this.req.socket.destroy();
  }

  send(status: number, headers: OutgoingHttpHeaders, payload: string | Buffer): void {
    if (this.closed) return;
    this.res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(payload) });
    this.res.end(payload);
  }

  sendJson(status: number, headers: OutgoingHttpHeaders, body: unknown): void {
    this.send(status, { ...headers, 'content-type': 'application/json' }, JSON.stringify(body));
  }

  sendError(error: ErrorResponse, headers: OutgoingHttpHeaders): void {
    this.sendJson(error.status, { ...headers, ...error.headers }, error.body);
  }

  /** Announces the full length, sends half of the body, then cuts the connection. */
  async sendTruncated(headers: OutgoingHttpHeaders, body: unknown): Promise<void> {
    const payload = Buffer.from(JSON.stringify(body));
    this.res.writeHead(200, {
      ...headers,
      'content-type': 'application/json',
      'content-length': payload.length,
    });
    await this.writeAndFlush(payload.subarray(0, Math.floor(payload.length / 2)));
    await this.sleep(10);
    this.drop();
  }

  async stream(
    headers: OutgoingHttpHeaders,
    events: readonly string[],
    behaviour: StreamBehaviour,
  ): Promise<void> {
    if (this.closed) return;
    const first = events[0] ?? SSE_DONE;
    const toSend = behaviour.malformed ? [first, 'data: {not json\n\n', SSE_DONE] : events;
    this.res.writeHead(200, { ...headers, ...SSE_HEADERS });
    for (let i = 0; i < toSend.length; i += 1) {
      if (this.closed) return;
      if (behaviour.dropMidStream && i === 2) {
        await this.sleep(10);
        this.drop();
        return;
      }
      if (i > 0 && behaviour.chunkDelayMs > 0) {
        await this.sleep(behaviour.chunkDelayMs);
        if (this.closed) return;
      }
      const event = toSend[i] ?? '';
      if (behaviour.dropMidStream) await this.writeAndFlush(event);
      else this.res.write(event);
    }
    this.res.end();
  }

  private writeAndFlush(chunk: string | Buffer): Promise<void> {
    return new Promise((resolve) => {
      this.res.write(chunk, () => resolve());
    });
  }
}
