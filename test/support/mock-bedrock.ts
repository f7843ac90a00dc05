import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import { Sha256 } from '@aws-crypto/sha256-js';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** The only credentials the mock accepts (AWS's documentation example keys). */
export const MOCK_AWS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
} as const;

type Json = Record<string, unknown>;

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const signer = new SignatureV4({
  service: 'bedrock',
  region: MOCK_AWS.region,
  credentials: { accessKeyId: MOCK_AWS.accessKeyId, secretAccessKey: MOCK_AWS.secretAccessKey },
  sha256: Sha256,
  applyChecksum: false,
});
const USAGE = { inputTokens: 11, outputTokens: 7, totalTokens: 18 };

function fail(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  });
  res.end(JSON.stringify({ message }));
}

/** Recomputes the SigV4 signature from what was received, as bedrock-runtime does. */
async function signatureIsValid(req: IncomingMessage, body: Buffer): Promise<boolean> {
  const auth = req.headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/bedrock\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  const amzDate = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(req.headers['x-amz-date']));
  if (!match || !amzDate || match[1] !== MOCK_AWS.accessKeyId || match[3] !== MOCK_AWS.region) return false;
  const headers: Record<string, string> = {};
  for (const name of (match[4] ?? '').split(';')) headers[name] = String(req.headers[name] ?? '');
  // A signed payload hash must be the hash of the body actually received.
  if ('x-amz-content-sha256' in headers)
    headers['x-amz-content-sha256'] = createHash('sha256').update(body).digest('hex');
  const [, y, mo, d, h, mi, s] = amzDate;
  const signed = await signer.sign(
    {
      method: req.method ?? 'POST',
      protocol: 'https:',
      hostname: headers.host ?? '',
      path: req.url ?? '/',
      query: {},
      headers,
      body,
    },
    { signingDate: new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`) },
  );
  return String(signed.headers.authorization).endsWith(`Signature=${match[5]}`);
}

function lastUserText(body: Json): string {
  const user = ((body.messages as Json[] | undefined) ?? []).filter((m) => m.role === 'user').at(-1);
  return ((user?.content as Json[] | undefined) ?? []).map((block) => String(block.text ?? '')).join(' ');
}

function frame(type: string, payload: Json, messageType = 'event'): Uint8Array {
  const str = (value: string) => ({ type: 'string' as const, value });
  return codec.encode({
    headers: {
      [messageType === 'event' ? ':event-type' : ':exception-type']: str(type),
      ':content-type': str('application/json'),
      ':message-type': str(messageType),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

function answerFrames(tool: string | undefined): Uint8Array[] {
  const blocks = tool
    ? [
        frame('contentBlockStart', {
          contentBlockIndex: 0,
          start: { toolUse: { toolUseId: 'tooluse_mock', name: tool } },
        }),
        frame('contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input: '{"location":' } } }),
        frame('contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input: '"Paris"}' } } }),
      ]
    : ['Hello ', 'from ', 'Bedrock'].map((text) =>
        frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text } }),
      );
  return [
    frame('messageStart', { role: 'assistant' }),
    ...blocks,
    frame('contentBlockStop', { contentBlockIndex: 0 }),
    frame('messageStop', { stopReason: tool ? 'tool_use' : 'end_turn' }),
    frame('metadata', { usage: USAGE, metrics: { latencyMs: 12 } }),
  ];
}

function converse(res: ServerResponse, body: Json, stream: boolean): void {
  const text = lastUserText(body);
  if (text.includes('context-overflow')) {
    fail(res, 400, 'ValidationException', 'Input is too long for requested model.');
    return;
  }
  const tools = (body.toolConfig as { tools?: Array<{ toolSpec?: { name?: string } }> } | undefined)?.tools;
  const tool = tools?.[0]?.toolSpec?.name;
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    const content = tool
      ? [{ toolUse: { toolUseId: 'tooluse_mock', name: tool, input: { location: 'Paris' } } }]
      : [{ text: 'Hello from Bedrock' }];
    res.end(
      JSON.stringify({
        output: { message: { role: 'assistant', content } },
        stopReason: tool ? 'tool_use' : 'end_turn',
        usage: USAGE,
        metrics: { latencyMs: 12 },
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
  let frames = answerFrames(tool);
  if (text.includes('throttle-stream')) {
    frames = [
      frame(
        'throttlingException',
        { message: 'Too many requests, please wait before trying again.' },
        'exception',
      ),
    ];
  } else if (text.includes('bad-crc')) {
    const corrupt = Buffer.from(frames[1] as Uint8Array);
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 0xff;
    frames = [frames[0] as Uint8Array, corrupt];
  }
  // Messages straddle network writes, as they do on a real connection.
  const bytes = Buffer.concat(frames);
  for (let at = 0; at < bytes.length; at += 50) res.write(bytes.subarray(at, at + 50));
  res.end();
}

function invoke(res: ServerResponse, modelId: string, body: Json): void {
  const vector = (seed: number, size: number) =>
    Array.from({ length: size }, (_, i) => ((seed + i) % 10) / 10);
  if (modelId.startsWith('amazon.titan-embed')) {
    const input = String(body.inputText ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        embedding: vector(input.length, Number(body.dimensions ?? 8)),
        inputTextTokenCount: input.split(/\s+/).filter(Boolean).length,
      }),
    );
  } else if (modelId.startsWith('cohere.embed')) {
    const texts = (body.texts as string[] | undefined) ?? [];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'emb-mock',
        response_type: 'embeddings_floats',
        texts,
        embeddings: texts.map((t) => vector(t.length, 8)),
      }),
    );
  } else {
    fail(res, 400, 'ValidationException', `The provided model identifier is invalid: ${modelId}`);
  }
}

/**
 * A bedrock-runtime that checks SigV4 for real (for {@link MOCK_AWS}) and answers Converse,
 * ConverseStream (binary event-stream) and InvokeModel for Titan and Cohere embeddings.
 */
export async function startMockBedrock() {
  const requests: Array<{ url: string; headers: IncomingMessage['headers']; body: Json }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: Json;
      try {
        body = JSON.parse(raw.toString() || '{}') as Json;
      } catch {
        return fail(res, 400, 'SerializationException', 'the body is not JSON');
      }
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      void signatureIsValid(req, raw).then((valid) => {
        if (!valid) {
          fail(
            res,
            403,
            'InvalidSignatureException',
            'The request signature we calculated does not match the signature you provided.',
          );
          return;
        }
        const route = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/.exec(req.url ?? '');
        if (!route) return fail(res, 404, 'UnknownOperationException', `no route for ${req.url}`);
        const modelId = decodeURIComponent(route[1] ?? '');
        if (route[2] === 'invoke') invoke(res, modelId, body);
        else converse(res, body, route[2] === 'converse-stream');
      });
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
