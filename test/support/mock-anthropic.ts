import { createServer, type IncomingMessage } from 'node:http';

/** A minimal Anthropic Messages API (JSON and SSE, with `event:` lines) for end-to-end tests. */
export async function startMockAnthropic() {
  const requests: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({ headers: req.headers, body });
      if (
        req.url !== '/v1/messages' ||
        req.headers['x-api-key'] !== 'sk-ant-test' ||
        !req.headers['anthropic-version']
      ) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            type: 'error',
            error: { type: 'authentication_error', message: 'invalid x-api-key' },
          }),
        );
        return;
      }
      const wantsTool = Array.isArray(body.tools) && body.tools.length > 0;
      const model = String(body.model);
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'msg_mock',
            type: 'message',
            role: 'assistant',
            model,
            content: wantsTool
              ? [
                  {
                    type: 'tool_use',
                    id: 'toolu_mock',
                    name: (body.tools as Array<{ name: string }>)[0]?.name,
                    input: { location: 'Paris' },
                  },
                ]
              : [{ type: 'text', text: 'Hello from Claude' }],
            stop_reason: wantsTool ? 'tool_use' : 'end_turn',
            usage: { input_tokens: 11, output_tokens: 7, cache_read_input_tokens: 4 },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const send = (event: Record<string, unknown>) =>
        res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
      send({
        type: 'message_start',
        message: {
          id: 'msg_stream',
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          usage: { input_tokens: 11, output_tokens: 1 },
        },
      });
      send({ type: 'ping' });
      if (wantsTool) {
        const name = (body.tools as Array<{ name: string }>)[0]?.name;
        send({
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_stream', name, input: {} },
        });
        for (const part of ['{"loc', 'ation": "Pa', 'ris"}'])
          send({
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json: part },
          });
        send({ type: 'content_block_stop', index: 0 });
        send({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 7 } });
        send({ type: 'message_stop' });
        res.end();
        return;
      }
      send({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
      for (const word of ['Hello ', 'from ', 'Claude'])
        send({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: word } });
      send({ type: 'content_block_stop', index: 0 });
      send({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7 } });
      send({ type: 'message_stop' });
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
