import { createServer, type IncomingHttpHeaders } from 'node:http';

import { WebSocketServer, type WebSocket } from 'ws';

export const REALTIME_USAGE = { input_tokens: 20, output_tokens: 5 };

/**
 * A minimal OpenAI Realtime server: `/v1/realtime?model=` with a Bearer key. It answers
 * `session.update` and `response.create` with the real event sequence, usage in `response.done`.
 */
export async function startMockRealtime(requiredKey: string) {
  const handshakes: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const received: Array<Record<string, unknown>> = [];
  const closes: number[] = [];
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    handshakes.push({ url: req.url ?? '', headers: req.headers });
    if (req.headers.authorization !== `Bearer ${requiredKey}`) {
      const body = JSON.stringify({
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error' },
      });
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      let n = 0;
      const send = (event: Record<string, unknown>) =>
        ws.send(JSON.stringify({ event_id: `event_${++n}`, ...event }));
      send({ type: 'session.created', session: { id: 'sess_mock', model: 'gpt-realtime' } });
      ws.on('message', (data) => {
        const event = JSON.parse(data.toString()) as Record<string, unknown>;
        received.push(event);
        if (event.type === 'session.update') send({ type: 'session.updated', session: event.session });
        if (event.type === 'response.create') {
          const id = `resp_${Date.now()}_${received.length}`;
          send({ type: 'response.created', response: { id, status: 'in_progress' } });
          for (const delta of ['Hello ', 'in ', 'realtime'])
            send({ type: 'response.output_text.delta', response_id: id, delta });
          send({
            type: 'response.done',
            response: {
              id,
              status: 'completed',
              usage: {
                total_tokens: REALTIME_USAGE.input_tokens + REALTIME_USAGE.output_tokens,
                ...REALTIME_USAGE,
                input_token_details: { cached_tokens: 0, text_tokens: 20, audio_tokens: 0 },
                output_token_details: { text_tokens: 5, audio_tokens: 0 },
              },
            },
          });
        }
        if (event.type === 'test.close') ws.close(4000, 'upstream says bye');
      });
      ws.on('close', (code) => {
        closes.push(code);
        sockets.delete(ws);
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/v1`,
    handshakes,
    received,
    closes,
    openSockets: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
