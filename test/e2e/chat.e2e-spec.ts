import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

describe('chat completions through the gateway (openai SDK)', () => {
  let upstream: MockUpstream;
  let gateway: GatewayProcess;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: {
              model: 'openai/gpt-4o-2024-08-06',
              api_base: `${upstream.url}/v1`,
              api_key: 'sk-upstream',
            },
            model_info: { id: 'gpt4o-primary' },
          },
          {
            model_name: 'gpt-4o-slow',
            litellm_params: {
              model: 'openai/slowchunks-300',
              api_base: `${upstream.url}/v1`,
              api_key: 'sk-upstream',
            },
          },
        ],
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'anything', maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  beforeEach(() => upstream.reset());

  it('answers a plain chat request with the upstream answer and the requested model name', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'echo: hello there' }],
        temperature: 0.2,
        seed: 7,
      })
      .withResponse();

    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('gpt-4o');
    expect(data.choices[0]?.message.content).toContain('hello there');
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    const sent = upstream.requests.at(-1);
    expect(sent?.body).toMatchObject({ model: 'gpt-4o-2024-08-06', temperature: 0.2, seed: 7 });
    expect(sent?.headers.authorization).toBe('Bearer sk-upstream');
    expect(response.headers.get('x-litellm-model-id')).toBe('gpt4o-primary');
    expect(response.headers.get('x-litellm-model-group')).toBe('gpt-4o');
    expect(response.headers.get('x-litellm-call-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Without limits of its own the gateway passes the upstream's rate-limit headers on.
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('10000');
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeGreaterThan(0);
  });

  it('passes every OpenAI parameter through unchanged and keeps gateway-only fields out', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      n: 1,
      stop: ['END'],
      logprobs: true,
      top_logprobs: 2,
      user: 'end-user-1',
      response_format: { type: 'json_object' },
      // @ts-expect-error LiteLLM-only fields travel in the body
      metadata_extra: 'kept',
      mock_testing_fallbacks: false,
      tags: ['team-a'],
    });

    const body = upstream.requests.at(-1)?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      n: 1,
      stop: ['END'],
      logprobs: true,
      top_logprobs: 2,
      user: 'end-user-1',
      response_format: { type: 'json_object' },
      metadata_extra: 'kept',
    });
    expect(body).not.toHaveProperty('tags');
    expect(body).not.toHaveProperty('mock_testing_fallbacks');
  });

  it('streams chunks as they arrive and ends with [DONE], hiding the usage chunk it asked for', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'echo: one two three four five six' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.model === 'gpt-4o')).toBe(true);
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toContain(
      'one two three four five six',
    );
    expect(upstream.requests.at(-1)?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('returns the usage chunk to a client that asked for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('relays the first chunk before the upstream has finished the stream', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o-slow',
        messages: [{ role: 'user', content: 'echo: a b c d' }],
        stream: true,
      }),
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();

    const first = await reader.read();
    const firstAt = Date.now();
    let text = decoder.decode(first.value);
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      text += decoder.decode(next.value);
    }
    const endAt = Date.now();

    expect(text.startsWith('data: ')).toBe(true);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    // The mock waits 300 ms between chunks: a buffering gateway would deliver everything at once.
    expect(endAt - firstAt).toBeGreaterThan(600);
  });

  it('passes tools through and returns tool calls, plain and streamed', async () => {
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: { location: { type: 'string' } },
            required: ['location'],
          },
        },
      },
    ];
    const plain = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'please call a tool' }],
      tools,
      tool_choice: 'auto',
    });
    expect(plain.choices[0]?.finish_reason).toBe('tool_calls');
    expect(plain.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather' },
    });
    expect(upstream.requests.at(-1)?.body).toMatchObject({ tools, tool_choice: 'auto' });

    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'please call a tool' }],
      tools,
    });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
  });
});
