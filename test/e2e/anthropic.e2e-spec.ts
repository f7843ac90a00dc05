import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startMockAnthropic } from '../support/mock-anthropic';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

describe('anthropic/ deployments behind the OpenAI shape (openai SDK)', () => {
  let upstream: Awaited<ReturnType<typeof startMockAnthropic>>;
  let gateway: GatewayProcess;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startMockAnthropic();
    gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'claude',
            litellm_params: {
              model: 'anthropic/claude-sonnet-4-5',
              api_base: upstream.url,
              api_key: 'os.environ/ANTHROPIC_API_KEY',
            },
          },
        ],
      },
      env: { ANTHROPIC_API_KEY: 'sk-ant-test' },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  it('answers a chat request, translating system, max_tokens and usage, with a cost', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: 'claude',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ],
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from Claude');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.model).toBe('claude');
    expect(data.usage).toMatchObject({
      prompt_tokens: 15,
      completion_tokens: 7,
      prompt_tokens_details: { cached_tokens: 4 },
    });
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeGreaterThan(0);
    const sent = upstream.requests.at(-1);
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user' }],
    });
  });

  it('streams Anthropic events as OpenAI chunks with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello from Claude');
    expect(usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7 });
  });

  it('returns tool calls in OpenAI form', async () => {
    const result = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
          },
        },
      ],
      tool_choice: 'auto',
    });
    expect(result.choices[0]?.finish_reason).toBe('tool_calls');
    const call = result.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
    expect(upstream.requests.at(-1)?.body).toMatchObject({
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto' },
    });
  });

  it('refuses parameters Anthropic cannot take unless drop_params is sent', async () => {
    await expect(
      client.chat.completions.create({
        model: 'claude',
        messages: [{ role: 'user', content: 'hi' }],
        seed: 1,
      }),
    ).rejects.toMatchObject({ status: 400 });
    const answer = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'hi' }],
      seed: 1,
      // @ts-expect-error LiteLLM extension
      drop_params: true,
    });
    expect(answer.choices[0]?.message.content).toBe('Hello from Claude');
    expect(upstream.requests.at(-1)?.body).not.toHaveProperty('seed');
  });

  it('passes an upstream authentication error through', async () => {
    const bad = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'claude',
            litellm_params: {
              model: 'anthropic/claude-sonnet-4-5',
              api_base: upstream.url,
              api_key: 'wrong',
            },
          },
        ],
      },
    });
    try {
      const error = await new OpenAI({
        baseURL: `${bad.url}/v1`,
        apiKey: 'none',
        maxRetries: 0,
      }).chat.completions
        .create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 401 });
      expect((error as Error).message).toContain('AnthropicException - invalid x-api-key');
    } finally {
      await bad.stop();
    }
  });
});
