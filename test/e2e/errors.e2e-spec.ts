import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { freePort, startGateway, type GatewayProcess } from '../support/start-gateway';

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: json as { error?: Record<string, unknown> } | undefined,
  };
}

describe('errors: bad input, upstream failures, timeouts', () => {
  let upstream: MockUpstream;
  let gateway: GatewayProcess;
  let client: OpenAI;
  let chatUrl: string;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    const deadPort = await freePort();
    const at = (model: string, extra: object = {}) => ({
      model_name: model,
      litellm_params: {
        model: `openai/${model}`,
        api_base: `${upstream.url}/v1`,
        api_key: 'sk-upstream',
        ...extra,
      },
    });
    gateway = await startGateway({
      config: {
        model_list: [
          at('gpt-4o'),
          at('fail-400'),
          at('fail-429'),
          at('fail-500'),
          at('drop'),
          at('drop-mid-stream'),
          at('malformed-stream'),
          at('malformed-json'),
          at('slowchunks-200'),
          at('slow-3000', { timeout: 1 }),
          {
            model_name: 'dead',
            litellm_params: { model: 'openai/dead', api_base: `http://127.0.0.1:${deadPort}/v1` },
          },
        ],
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'anything', maxRetries: 0 });
    chatUrl = `${gateway.url}/v1/chat/completions`;
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  const chat = (model: string, extra: object = {}) =>
    JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });

  it("answers an unknown model with LiteLLM's 400 pointing to /v1/models", async () => {
    const res = await post(chatUrl, chat('no-such-model'));
    expect(res.status).toBe(400);
    expect(res.json?.error).toMatchObject({
      message:
        '/chat/completions: Invalid model name passed in model=no-such-model. Call `/v1/models` to view available models for your key.',
      type: 'invalid_request_error',
      param: 'model',
      code: '400',
    });
  });

  it.each([
    ['malformed JSON', '{"model": "gpt-4o", ', undefined],
    ['an empty body', '', undefined],
    ['a JSON array', '[1,2]', 'body'],
    ['a JSON string', '"hello"', 'body'],
    ['null', 'null', undefined],
    ['missing messages', JSON.stringify({ model: 'gpt-4o' }), 'messages'],
    ['missing model', JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }), 'model'],
    ['messages not an array', JSON.stringify({ model: 'gpt-4o', messages: 'hi' }), 'messages'],
    ['empty messages', JSON.stringify({ model: 'gpt-4o', messages: [] }), 'messages'],
    [
      'a message without role',
      JSON.stringify({ model: 'gpt-4o', messages: [{ content: 'x' }] }),
      'messages.0.role',
    ],
    [
      'model not a string',
      JSON.stringify({ model: 42, messages: [{ role: 'user', content: 'x' }] }),
      'model',
    ],
    ['stream not a boolean', chat('gpt-4o', { stream: 'yes' }), 'stream'],
    [
      'a prototype-poisoning body',
      '{"__proto__": {"x": 1}, "model": "gpt-4o", "messages": [{"role":"user"}]}',
      undefined,
    ],
  ])('answers %s with 400 in OpenAI error shape', async (_name, body, param) => {
    const res = await post(chatUrl, body);
    expect(res.status).toBe(400);
    expect(res.json?.error).toMatchObject({ type: 'invalid_request_error', code: '400' });
    expect(typeof res.json?.error?.message).toBe('string');
    if (param) expect(res.json?.error?.param).toBe(param);
  });

  it('never answers 500 to odd bodies on any route', async () => {
    const bodies = [
      '{}',
      '{"model":null}',
      '{"model":"gpt-4o","messages":[null]}',
      '{"input":{}}',
      '{"prompt":"x"}',
      '0',
      'true',
    ];
    for (const path of [
      '/v1/chat/completions',
      '/v1/completions',
      '/v1/embeddings',
      '/v1/moderations',
      '/chat/completions',
    ]) {
      for (const body of bodies) {
        const res = await post(`${gateway.url}${path}`, body);
        expect(res.status, `${path} ${body}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${body}`).toBeLessThan(500);
        expect(res.json?.error?.code).toBe(String(res.status));
      }
    }
    const res = await fetch(chatUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(res.status).toBe(400);
  });

  it('reads a JSON body whatever its content-type, as LiteLLM does (curl -d)', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await fetch(chatUrl, {
        method: 'POST',
        headers: { 'content-type': type },
        body: chat('gpt-4o'),
      });
      expect(res.status, type).toBe(200);
    }
  });

  it('admits a request carrying a 20 MB base64 image under the default limit', async () => {
    const image = `data:image/png;base64,${Buffer.alloc(15 * 1024 * 1024, 7).toString('base64')}`;
    const res = await post(
      chatUrl,
      JSON.stringify({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: image } }] }],
      }),
    );
    expect(res.status).toBe(200);
  });

  it('answers 404 in OpenAI shape for an unknown route', async () => {
    const res = await post(`${gateway.url}/v1/nowhere`, '{}');
    expect(res.status).toBe(404);
    expect(res.json?.error).toMatchObject({ type: 'not_found_error', code: '404' });
  });

  it('passes an upstream 429 through with its message and retry-after', async () => {
    const res = await post(chatUrl, chat('fail-429'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    // The upstream's own error type ("requests" from OpenAI) is passed through.
    expect(res.json?.error).toMatchObject({ type: 'requests', code: '429' });
    expect(res.json?.error?.message).toMatch(/^litellm\.RateLimitError: OpenAIException - /);
  });

  it('passes an upstream 400 through with its message and param', async () => {
    const error = await client.chat.completions
      .create({ model: 'fail-400', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain('OpenAIException');
  });

  it.each([
    ['an upstream 500', 'fail-500', 502],
    ['a dropped connection', 'drop', 502],
    ['a non-JSON answer', 'malformed-json', 502],
    ['a refused connection', 'dead', 502],
    ['a timeout (deployment timeout: 1 s)', 'slow-3000', 504],
  ])('answers %s with %s', async (_name, model, status) => {
    const res = await post(chatUrl, chat(model));
    expect(res.status).toBe(status);
    expect(res.json?.error?.code).toBe(String(status));
    expect(res.headers.get('x-litellm-call-id')).toBeTruthy();
    expect(res.headers.get('x-litellm-response-cost')).toBe('0');
    expect(res.headers.get('server-timing')).toMatch(/upstream;dur=[\d.]+, total;dur=[\d.]+$/);
    expect(Number(res.headers.get('x-litellm-overhead-duration-ms'))).toBeGreaterThanOrEqual(0);
  });

  it('answers a stream that fails before its first chunk with an HTTP error', async () => {
    expect((await post(chatUrl, chat('fail-429', { stream: true }))).status).toBe(429);
    expect((await post(chatUrl, chat('fail-500', { stream: true }))).status).toBe(502);
    expect((await post(chatUrl, chat('dead', { stream: true }))).status).toBe(502);
  });

  it.each(['drop-mid-stream', 'malformed-stream'])(
    'ends a stream that fails after its first chunk (%s) with an error event',
    async (model) => {
      const res = await post(chatUrl, chat(model, { stream: true }));
      expect(res.status).toBe(200);
      const events = res.text.trim().split('\n\n');
      expect(events[0]).toMatch(/^data: \{"id"/);
      const last = JSON.parse(events.at(-1)!.slice('data: '.length)) as { error: { code: string } };
      expect(last.error.code).toBe('502');
      expect(res.text).not.toContain('[DONE]');
    },
  );

  it('aborts the upstream request when the client disconnects mid-stream', async () => {
    const controller = new AbortController();
    const res = await fetch(chatUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chat('slowchunks-200', { stream: true }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    const abortSeen = upstream.waitForAbort(5000);
    controller.abort();
    await abortSeen;
    expect(upstream.aborted).toBeGreaterThanOrEqual(1);
  });

  it('carries call id, request id, overhead and Server-Timing headers', async () => {
    const res = await post(chatUrl, chat('gpt-4o'), { 'x-request-id': 'client-req-1' });
    expect(res.headers.get('x-request-id')).toBe('client-req-1');
    expect(res.headers.get('x-litellm-call-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(res.headers.get('x-litellm-overhead-duration-ms'))).toBeGreaterThanOrEqual(0);
    expect(res.headers.get('server-timing')).toMatch(
      /auth;dur=[\d.]+, routing;dur=[\d.]+, upstream;dur=[\d.]+, total;dur=[\d.]+/,
    );

    const streamed = await post(chatUrl, chat('gpt-4o', { stream: true }));
    expect(streamed.headers.get('server-timing')).toMatch(/upstream;dur=/);
    const generated = await post(chatUrl, chat('gpt-4o'));
    expect(generated.headers.get('x-request-id')).toBe(generated.headers.get('x-litellm-call-id'));
  });
});

describe('master key auth', () => {
  let upstream: MockUpstream;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` },
          },
        ],
        general_settings: { master_key: 'os.environ/LITELLM_MASTER_KEY', max_request_size_mb: 1 },
      },
      env: { LITELLM_MASTER_KEY: 'sk-test-master-1234' },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });

  it('refuses a request without a key or with a wrong one', async () => {
    const missing = await post(`${gateway.url}/v1/chat/completions`, body);
    expect(missing.status).toBe(401);
    expect(missing.json?.error).toMatchObject({
      type: 'auth_error',
      code: '401',
      message: 'Authentication Error, No api key passed in.',
    });

    const wrong = await post(`${gateway.url}/v1/chat/completions`, body, {
      authorization: 'Bearer sk-wrong',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('sk-test-master-1234');

    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(openai.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it.each([
    ['Authorization: Bearer', { authorization: 'Bearer sk-test-master-1234' }],
    ['x-litellm-api-key', { 'x-litellm-api-key': 'sk-test-master-1234' }],
    ['api-key', { 'api-key': 'sk-test-master-1234' }],
  ])('accepts the master key in %s', async (_name, headers) => {
    const res = await post(`${gateway.url}/v1/chat/completions`, body, headers);
    expect(res.status).toBe(200);
  });

  it('works with the openai SDK given the master key', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-test-master-1234', maxRetries: 0 });
    const result = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(result.choices).toHaveLength(1);
  });

  it('keeps health probes open and model listing closed', async () => {
    expect((await fetch(`${gateway.url}/health/liveness`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/health/readiness`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/v1/models`)).status).toBe(401);
  });

  it('answers a body over the configured limit with 413', async () => {
    const big = JSON.stringify({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x'.repeat(2 * 1024 * 1024) }],
    });
    const res = await post(`${gateway.url}/v1/chat/completions`, big, {
      authorization: 'Bearer sk-test-master-1234',
    });
    expect(res.status).toBe(413);
    expect(res.json?.error).toMatchObject({ code: '413' });
  });
});
