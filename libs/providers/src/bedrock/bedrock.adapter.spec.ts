import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

import { createDeployment } from '@switchyard/config/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ClientDisconnect } from '../client-disconnect';
import type { CallType, ProviderCall } from '../provider.types';
import { UpstreamPools } from '../upstream/upstream-pools';
import { BedrockAdapter } from './bedrock.adapter';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SigV4 as AWS documents it, written independently of the signer under test. */
function expectedSignature(request: Received, secret: string): string {
  const auth = String(request.headers.authorization);
  const [, scope, signedHeaders] = /Credential=[^/]+\/([^,]+), SignedHeaders=([^,]+),/.exec(auth) ?? [];
  const [date, region, service] = (scope ?? '').split('/');
  // Non-S3 services sign each path segment encoded once more than it was sent.
  const canonicalPath = request.url.split('/').map(rfc3986).join('/');
  const names = (signedHeaders ?? '').split(';');
  const canonicalHeaders = names.map((name) => `${name}:${String(request.headers[name]).trim()}\n`).join('');
  const canonical = ['POST', canonicalPath, '', canonicalHeaders, signedHeaders, sha256(request.body)].join(
    '\n',
  );
  const amzDate = String(request.headers['x-amz-date']);
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${secret}`, date ?? '');
  for (const part of [region ?? '', service ?? '', 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('BedrockAdapter against a local bedrock-runtime', () => {
  const received: Received[] = [];
  let answer: { status: number; headers?: Record<string, string>; body: unknown } = { status: 200, body: {} };
  let server: Server;
  let url: string;
  const pools = new UpstreamPools();
  const adapter = new BedrockAdapter(pools);

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await pools.onApplicationShutdown();
    await new Promise((done) => server.close(done));
  });

  beforeEach(() => {
    received.length = 0;
    answer = {
      status: 200,
      body: {
        output: { message: { role: 'assistant', content: [{ text: 'Hi' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
      },
    };
  });

  const call = (
    body: Record<string, unknown>,
    callType: CallType = 'chat',
    upstreamModel = MODEL,
  ): ProviderCall => ({
    callType,
    upstreamModel,
    body,
    stream: false,
    signal: new ClientDisconnect(),
    timeoutMs: 5_000,
    streamTimeoutMs: 5_000,
    dropParams: false,
  });
  const aws = (overrides: Record<string, string | undefined> = {}) => ({
    accessKeyId: ACCESS_KEY,
    secretAccessKey: SECRET,
    sessionToken: undefined,
    region: 'eu-central-1',
    runtimeEndpoint: undefined,
    ...overrides,
  });
  const chat = { model: MODEL, messages: [{ role: 'user', content: 'hi' }] };

  it('signs with SigV4 over the exact body and the encoded path, session token included', async () => {
    const bound = adapter.bind(
      createDeployment('claude', `bedrock/${MODEL}`, {
        apiBase: url,
        aws: aws({ sessionToken: 'FwoGZXIvYXdzEXAMPLE' }),
      }),
    );
    const result = await bound.call(call(chat));
    expect(result).toMatchObject({ kind: 'json', body: { choices: [{ message: { content: 'Hi' } }] } });
    const request = received[0] as Received;
    expect(request.url).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    const { authorization, 'x-amz-date': amzDate } = request.headers;
    expect(authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-central-1\/bedrock\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(authorization).toContain('x-amz-security-token');
    expect(amzDate).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEXAMPLE');
    expect(request.headers['x-amz-content-sha256']).toBe(sha256(request.body));
    expect(String(authorization).split('Signature=')[1]).toBe(expectedSignature(request, SECRET));
  });

  it('puts ARNs in one path segment, strips converse/ and honours a path prefix in api_base', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3';
    const bound = adapter.bind(
      createDeployment('p', `bedrock/converse/${arn}`, { apiBase: `${url}/proxy/`, aws: aws() }),
    );
    await bound.call(call(chat, 'chat', `converse/${arn}`));
    const request = received[0] as Received;
    expect(request.url).toBe(`/proxy/model/${encodeURIComponent(arn)}/converse`);
    expect(String(request.headers.authorization).split('Signature=')[1]).toBe(
      expectedSignature(request, SECRET),
    );
  });

  it('sends a Bedrock API key as a bearer token, without SigV4', async () => {
    const bound = adapter.bind(
      createDeployment('c', `bedrock/${MODEL}`, { apiBase: url, apiKey: 'ABSKbedrockkey', aws: aws() }),
    );
    await bound.call(call(chat));
    expect(received[0]?.headers.authorization).toBe('Bearer ABSKbedrockkey');
    expect(received[0]?.headers).not.toHaveProperty('x-amz-date');
  });

  it('answers 401 naming the missing credentials, without calling the upstream', async () => {
    const bound = adapter.bind(
      createDeployment('c', `bedrock/${MODEL}`, {
        apiBase: url,
        aws: aws({ accessKeyId: undefined, secretAccessKey: undefined }),
      }),
    );
    await expect(bound.call(call(chat))).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('aws_access_key_id or aws_secret_access_key'),
    });
    expect(received).toHaveLength(0);
  });

  it('keeps Bedrock error statuses and reports a too-long input as a context window error', async () => {
    const bound = adapter.bind(createDeployment('c', `bedrock/${MODEL}`, { apiBase: url, aws: aws() }));
    answer = {
      status: 429,
      headers: {
        'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
      },
      body: { message: 'Too many requests, please wait before trying again.' },
    };
    await expect(bound.call(call(chat))).rejects.toMatchObject({
      status: 429,
      message:
        'litellm.RateLimitError: BedrockException - Too many requests, please wait before trying again.',
    });
    answer = { status: 400, body: { message: 'Input is too long for requested model.' } };
    await expect(bound.call(call(chat))).rejects.toMatchObject({
      status: 400,
      message:
        'litellm.ContextWindowExceededError: BedrockException - Input is too long for requested model.',
    });
  });

  it('embeds with Cohere in one request, counting the tokens locally', async () => {
    const bound = adapter.bind(
      createDeployment('e', 'bedrock/cohere.embed-english-v3', { apiBase: url, aws: aws() }),
    );
    answer = {
      status: 200,
      body: {
        embeddings: [
          [0.1, 0.2],
          [0.3, 0.4],
        ],
        id: 'x',
        texts: ['a', 'b'],
      },
    };
    const result = await bound.call(
      call({ input: ['hello world', 'bye'] }, 'embedding', 'cohere.embed-english-v3'),
    );
    expect(received[0]?.url).toBe('/model/cohere.embed-english-v3/invoke');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      texts: ['hello world', 'bye'],
      input_type: 'search_document',
    });
    expect(result).toMatchObject({
      kind: 'json',
      body: {
        object: 'list',
        data: [
          { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
          { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
        ],
        usage: { prompt_tokens: 3, total_tokens: 3 },
      },
    });
  });

  it('refuses call types Bedrock does not serve', async () => {
    const bound = adapter.bind(createDeployment('c', `bedrock/${MODEL}`, { apiBase: url, aws: aws() }));
    await expect(bound.call(call({ prompt: 'x' }, 'completion'))).rejects.toMatchObject({ status: 400 });
  });
});
