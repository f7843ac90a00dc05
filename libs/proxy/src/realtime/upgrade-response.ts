import type { Duplex } from 'node:stream';

import { toErrorBody, type GatewayError } from '@switchyard/kernel';

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Refuses a WebSocket upgrade with an HTTP answer in OpenAI's error shape. */
export function refuseUpgrade(socket: Duplex, error: GatewayError): void {
  const body = JSON.stringify(toErrorBody(error));
  const headers = [
    `HTTP/1.1 ${error.status} ${REASONS[error.status] ?? 'Error'}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(error.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
