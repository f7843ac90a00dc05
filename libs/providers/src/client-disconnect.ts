import { EventEmitter } from 'node:events';

/**
 * Emits `abort` when the client goes away. undici accepts an EventEmitter as a request signal,
 * and one costs far less per request than an AbortController (a DOM EventTarget).
 */
export class ClientDisconnect extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}
