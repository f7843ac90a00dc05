import { GatewayError } from '@switchyard/kernel';
import type { RealtimeTarget } from '@switchyard/providers';
import { WebSocket } from 'ws';

const HANDSHAKE_TIMEOUT_MS = 10_000;

function upstreamRefusal(status: number, body: string): GatewayError {
  let message = body.slice(0, 500) || 'no error body';
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // not JSON: the raw text is the message
  }
  const clientStatus = status >= 500 ? 502 : status;
  return new GatewayError(`litellm.APIError: realtime upstream refused the session - ${message}`, {
    status: clientStatus,
    type:
      status === 401 || status === 403 ? 'auth_error' : status >= 500 ? 'api_error' : 'invalid_request_error',
  });
}

/** Opens the upstream realtime socket; rejects with a GatewayError when it refuses or is unreachable. */
export function connectUpstream(
  target: RealtimeTarget,
  openAiBeta: string | string[] | undefined,
): Promise<WebSocket> {
  const headers: Record<string, string> = { ...target.headers };
  if (typeof openAiBeta === 'string') headers['openai-beta'] = openAiBeta;
  const upstream = new WebSocket(target.url, { headers, handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
  return new Promise((resolve, reject) => {
    upstream.once('open', () => {
      // Held until the client side is relayed: the upstream's first events (session.created)
      // would otherwise arrive before anyone listens.
      upstream.pause();
      resolve(upstream);
    });
    upstream.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => reject(upstreamRefusal(response.statusCode ?? 502, body)));
      response.on('error', () => reject(upstreamRefusal(response.statusCode ?? 502, body)));
    });
    upstream.once('error', (error) => {
      reject(
        new GatewayError(`litellm.APIConnectionError: realtime upstream unreachable: ${error.message}`, {
          status: 502,
          type: 'api_error',
        }),
      );
    });
  });
}
