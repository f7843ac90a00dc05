import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Json = Record<string, unknown>;

export const MOCK_GEMINI_KEY = 'gemini-test-key';

const USAGE = { promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 };
const TEXT_PIECES = ['Hello', ' from', ' Gemini'];

function sendError(res: ServerResponse, code: number, message: string, status: string): void {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code, message, status } }));
}

function userText(body: Json): string {
  const contents = (body.contents as Json[] | undefined) ?? [];
  return contents
    .filter((content) => content.role === 'user')
    .flatMap((content) => (content.parts as Json[] | undefined) ?? [])
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('\n');
}

/** The mock's one answer: a call of the first declared function when there are tools, else text. */
function answerParts(body: Json): Json[] {
  const tools = (body.tools as Json[] | undefined) ?? [];
  const declarations = tools.flatMap((tool) => (tool.functionDeclarations as Json[] | undefined) ?? []);
  const first = declarations[0];
  if (first) return [{ functionCall: { name: first.name, args: { location: 'Paris' } } }];
  return [{ text: TEXT_PIECES.join('') }];
}

function response(model: string, parts: Json[], extra: Json): Json {
  return {
    candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }],
    modelVersion: model,
    responseId: 'mock-gemini-response',
  };
}

function embedding(text: string, dimensions: number): number[] {
  const seed = createHash('sha256').update(text).digest();
  return Array.from({ length: dimensions }, (_, i) => (seed[i % seed.length] ?? 0) / 255 - 0.5);
}

function stream(res: ServerResponse, model: string, body: Json, truncate: boolean): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const send = (event: Json) => res.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
  const parts = answerParts(body);
  if (truncate) {
    send(response(model, [{ text: TEXT_PIECES[0] }], {}));
    res.end(() => res.socket?.destroy());
    return;
  }
  if (parts[0]?.functionCall) {
    send({ ...response(model, parts, { finishReason: 'STOP' }), usageMetadata: USAGE });
  } else {
    TEXT_PIECES.forEach((text, i) => {
      const last = i === TEXT_PIECES.length - 1;
      send({
        ...response(model, [{ text }], last ? { finishReason: 'STOP' } : {}),
        usageMetadata: last ? USAGE : { promptTokenCount: 11, totalTokenCount: 11 },
      });
    });
  }
  res.end();
}

function handle(req: IncomingMessage, res: ServerResponse, body: Json): void {
  if (req.headers['x-goog-api-key'] !== MOCK_GEMINI_KEY) {
    sendError(res, 403, 'API key not valid. Please pass a valid API key.', 'PERMISSION_DENIED');
    return;
  }
  const route = /^\/v1beta\/models\/([^/:]+):(\w+)(\?alt=sse)?$/.exec(req.url ?? '');
  const [, model = '', method, sse] = route ?? [];
  if (method === 'batchEmbedContents') {
    const embeddings = ((body.requests as Json[] | undefined) ?? []).map((request) => {
      const text = String(((request.content as Json).parts as Json[])[0]?.text ?? '');
      return { values: embedding(text, Number(request.outputDimensionality ?? 768)) };
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ embeddings }));
    return;
  }
  if (method !== 'generateContent' && !(method === 'streamGenerateContent' && sse)) {
    sendError(res, 404, `Method not found: ${req.url}`, 'NOT_FOUND');
    return;
  }
  const text = userText(body);
  if (text.includes('context-overflow')) {
    sendError(
      res,
      400,
      'The input token count (1196265) exceeds the maximum number of tokens allowed (1048576).',
      'INVALID_ARGUMENT',
    );
    return;
  }
  if (method === 'streamGenerateContent') {
    stream(res, model, body, text.includes('truncate-stream'));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({ ...response(model, answerParts(body), { finishReason: 'STOP' }), usageMetadata: USAGE }),
  );
}

/**
 * A Google AI Studio Gemini API for end-to-end tests: `:generateContent`, `:streamGenerateContent?alt=sse`
 * (`data: {json}\r\n\r\n` events, usage in the last) and `:batchEmbedContents`, keyed by `x-goog-api-key`.
 */
export async function startMockGemini() {
  const requests: Array<{ url: string; headers: IncomingMessage['headers']; body: Json }> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Json;
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
