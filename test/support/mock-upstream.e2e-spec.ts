import OpenAI, { APIConnectionError, APIError, AzureOpenAI } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REPLY, startMockUpstream, type MockUpstream } from './mock-upstream';

const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

let mock: MockUpstream;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'x', maxRetries: 0 });
});

afterAll(async () => {
  await mock.close();
});

beforeEach(() => mock.reset());

describe('chat completions', () => {
  it('answers with OpenAI chat.completion shape and records the request', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });

    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.system_fingerprint).toEqual(expect.any(String));
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: DEFAULT_REPLY, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ]);
    expect(completion.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: 3,
      total_tokens: (completion.usage?.prompt_tokens ?? 0) + 3,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer x');
  });

  it('echoes the last user message after "echo:" and honours max_tokens', async () => {
    const echoed = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'echo: one two three four' }] },
      ],
    });
    expect(echoed.choices[0]?.message.content).toBe('one two three four');

    const cut = await client.chat.completions.create({
      model: 'gpt-4o',
      max_tokens: 2,
      messages: [{ role: 'user', content: 'echo: one two three four' }],
    });
    expect(cut.choices[0]?.message.content).toBe('one two');
    expect(cut.choices[0]?.finish_reason).toBe('length');
  });

  it('is also served without the /v1 prefix', async () => {
    const response = await fetch(`${mock.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { model: string }).model).toBe('m');
  });

  it('streams chat.completion.chunk events, with a usage chunk only when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-slowchunks-40',
      messages: [{ role: 'user', content: 'echo: alpha beta gamma delta' }],
      stream: true,
    });
    const arrivals: number[] = [];
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      arrivals.push(performance.now());
      chunks.push(chunk);
    }

    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'alpha beta gamma delta',
    );
    expect(chunks.length).toBe(6);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(
      chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.usage === undefined),
    ).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    // slowchunks-40: the last chunk arrives well after the first one.
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThan(150);

    const withUsage = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const usageChunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of withUsage) usageChunks.push(chunk);
    const last = usageChunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ completion_tokens: 3, total_tokens: expect.any(Number) });
    expect(usageChunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('answers with tool_calls when tools are offered and the user asks for one', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Please call a tool for the weather in Paris' }],
      tools: [WEATHER_TOOL],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
      },
    ]);
  });

  it('streams tool calls incrementally like OpenAI', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'call a tool' }],
      tools: [WEATHER_TOOL],
      stream: true,
    });
    const deltas: OpenAI.Chat.Completions.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let finishReason: string | null | undefined;
    for await (const chunk of stream) {
      deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }

    expect(deltas[0]).toEqual({
      index: 0,
      id: expect.stringMatching(/^call_/),
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.slice(1).every((delta) => delta.index === 0 && delta.id === undefined)).toBe(true);
    expect(deltas.map((delta) => delta.function?.arguments ?? '').join('')).toBe('{"location":"Paris"}');
    expect(finishReason).toBe('tool_calls');
  });
});

describe('completions, embeddings, moderations, models', () => {
  it('answers and streams text_completion', async () => {
    const completion = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'echo: a b c',
    });
    expect(completion).toMatchObject({
      object: 'text_completion',
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text: 'a b c', index: 0, finish_reason: 'stop' }],
      usage: { completion_tokens: 3 },
    });

    const stream = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'hi',
      stream: true,
    });
    const texts: string[] = [];
    for await (const chunk of stream) texts.push(chunk.choices[0]?.text ?? '');
    expect(texts.join('')).toBe(DEFAULT_REPLY);
  });

  it('returns embeddings that the SDK decodes from its default base64 encoding', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] });
    expect(mock.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(result.data).toHaveLength(2);
    const first = result.data[0]?.embedding ?? [];
    expect(first).toHaveLength(1536);
    expect(Math.hypot(...first)).toBeCloseTo(1, 3);

    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'one',
      dimensions: 256,
      encoding_format: 'float',
    });
    expect(floats.data[0]?.embedding).toHaveLength(256);
    expect(floats.usage).toEqual({ prompt_tokens: 1, total_tokens: 1 });

    const again = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'one',
      dimensions: 256,
    });
    expect(again.data[0]?.embedding[5]).toBeCloseTo(floats.data[0]?.embedding[5] ?? NaN, 6);
  });

  it('classifies moderation input and lists models', async () => {
    const moderation = await client.moderations.create({ input: ['hello', 'I will kill it'] });
    expect(moderation.id).toMatch(/^modr-/);
    expect(moderation.results.map((result) => result.flagged)).toEqual([false, true]);
    expect(moderation.results[1]?.categories.violence).toBe(true);
    expect(moderation.results[0]?.category_scores.harassment).toEqual(expect.any(Number));

    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain('gpt-4o');
  });
});

describe('failures on demand', () => {
  const ask = (model: string): Promise<OpenAI.Chat.Completions.ChatCompletion> =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  const apiError = async (promise: Promise<unknown>): Promise<APIError> => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
    return error;
  };

  it('fails with OpenAI error bodies for fail-429/500/400/401', async () => {
    const rateLimited = await apiError(ask('gpt-4o-fail-429'));
    expect(rateLimited.status).toBe(429);
    expect(rateLimited.headers?.get('retry-after')).toBe('7');
    expect(rateLimited.code).toBe('rate_limit_exceeded');

    const serverError = await apiError(ask('fail-500'));
    expect(serverError.status).toBe(500);
    expect(serverError.type).toBe('server_error');

    const badRequest = await apiError(ask('x-fail-400'));
    expect(badRequest).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'messages' });

    const unauthorized = await apiError(ask('fail-401'));
    expect(unauthorized).toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('failNext applies to the next N requests whatever the model', async () => {
    mock.failNext('fail-500', 2);
    expect((await apiError(ask('gpt-4o'))).status).toBe(500);
    expect((await apiError(ask('gpt-4o'))).status).toBe(500);
    expect((await ask('gpt-4o')).choices[0]?.message.content).toBe(DEFAULT_REPLY);
  });

  it('drops the connection, mid-stream too', async () => {
    await expect(ask('drop')).rejects.toBeInstanceOf(APIConnectionError);

    const stream = await client.chat.completions.create({
      model: 'gpt-4o-drop-mid-stream',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) received.push(chunk.id);
      })(),
    ).rejects.toThrow();
    expect(received).toHaveLength(2);
    expect(mock.aborted).toBe(0);
  });

  it('sends malformed stream events and malformed JSON bodies', async () => {
    const stream = await client.chat.completions.create({
      model: 'malformed-stream',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    await expect(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
    ).rejects.toThrow();

    const raw = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'malformed-json', messages: [] }),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('application/json');
    const text = await raw.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    await expect(ask('malformed-json')).rejects.toThrow();
  });

  it('omits usage for usage-none', async () => {
    expect((await ask('usage-none')).usage).toBeUndefined();
  });

  it('delays slow-<ms> answers and counts client aborts', async () => {
    const started = performance.now();
    await ask('slow-200');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);

    const controller = new AbortController();
    const pending = client.chat.completions.create(
      { model: 'slow-5000', messages: [{ role: 'user', content: 'hi' }] },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
    await expect(mock.waitForAbort(2_000)).resolves.toBe(1);
    expect(mock.aborted).toBe(1);
  });

  it('counts a client that leaves in the middle of a stream as an abort', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-slowchunks-200', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    );
    let received = 0;
    // The SDK ends the iteration quietly when its own signal aborts it.
    for await (const chunk of stream) {
      void chunk;
      received += 1;
      controller.abort();
    }
    expect(received).toBe(1);
    await expect(mock.waitForAbort(2_000)).resolves.toBe(1);
  });

  it('failNext can drop the next request', async () => {
    mock.failNext('drop');
    await expect(ask('gpt-4o')).rejects.toBeInstanceOf(APIConnectionError);
    expect((await ask('gpt-4o')).choices).toHaveLength(1);
    expect(mock.aborted).toBe(0);
  });

  it('requires the bearer key when requireKey is set', async () => {
    const guarded = await startMockUpstream({ requireKey: 'sk-right' });
    try {
      const wrong = new OpenAI({ baseURL: `${guarded.url}/v1`, apiKey: 'sk-wrong-key-123', maxRetries: 0 });
      const error = await apiError(wrong.models.list());
      expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
      const right = new OpenAI({ baseURL: `${guarded.url}/v1`, apiKey: 'sk-right', maxRetries: 0 });
      expect((await right.models.list()).data.length).toBeGreaterThan(0);
    } finally {
      await guarded.close();
    }
  });
});

describe('Azure OpenAI layout', () => {
  const azure = (apiKey = 'azure-key'): AzureOpenAI =>
    new AzureOpenAI({
      endpoint: mock.url,
      apiKey,
      apiVersion: '2024-10-21',
      deployment: 'my-gpt4o',
      maxRetries: 0,
    });

  it('serves deployments with the underlying model name', async () => {
    const completion = await azure().chat.completions.create({
      model: 'ignored',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.model).toBe('gpt-4o-2024-08-06');
    expect(completion.choices[0]?.message.content).toBe(DEFAULT_REPLY);
    expect(mock.requests[0]).toMatchObject({
      path: '/openai/deployments/my-gpt4o/chat/completions',
      query: { 'api-version': '2024-10-21' },
    });
    expect(mock.requests[0]?.headers['api-key']).toBe('azure-key');

    const stream = await azure().chat.completions.create({
      model: 'ignored',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(DEFAULT_REPLY);
  });

  it('answers Azure-shaped 401 without api-key and 404 without api-version', async () => {
    const url = `${mock.url}/openai/deployments/my-gpt4o/chat/completions`;
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] });
    const headers = { 'content-type': 'application/json' };

    const noKey = await fetch(`${url}?api-version=2024-10-21`, { method: 'POST', headers, body });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({
      error: { code: '401', message: expect.stringContaining('Access denied') },
    });

    const noVersion = await fetch(url, { method: 'POST', headers: { ...headers, 'api-key': 'k' }, body });
    expect(noVersion.status).toBe(404);
    expect(await noVersion.json()).toEqual({ error: { code: '404', message: 'Resource not found' } });
  });

  it('serves embeddings deployments', async () => {
    const client = new AzureOpenAI({
      endpoint: mock.url,
      apiKey: 'k',
      apiVersion: '2024-10-21',
      deployment: 'my-embeddings',
      maxRetries: 0,
    });
    const result = await client.embeddings.create({ model: 'x', input: 'hello' });
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.data[0]?.embedding).toHaveLength(1536);
    expect(mock.requests[0]?.path).toBe('/openai/deployments/my-embeddings/embeddings');
  });

  it('applies directives named in the deployment', async () => {
    const client429 = new AzureOpenAI({
      endpoint: mock.url,
      apiKey: 'k',
      apiVersion: '2024-10-21',
      deployment: 'gpt4o-fail-429',
      maxRetries: 0,
    });
    const error = await client429.chat.completions
      .create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).headers?.get('retry-after')).toBe('7');
  });
});

describe('bench model', () => {
  it('answers with the precomputed reply, plain and streamed', async () => {
    const completion = await client.chat.completions.create({
      model: 'bench',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.model).toBe('bench');
    expect(completion.choices[0]?.message.content).toBe(DEFAULT_REPLY);

    const stream = await client.chat.completions.create({
      model: 'bench',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let sawUsage = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      sawUsage ||= chunk.usage !== null && chunk.usage !== undefined;
    }
    expect(text).toBe(DEFAULT_REPLY);
    expect(sawUsage).toBe(true);
  });
});
