import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startMockAnthropic } from '../support/mock-anthropic';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-messages-e2e';

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather in a city',
  input_schema: {
    type: 'object' as const,
    properties: { location: { type: 'string' } },
    required: ['location'],
  },
};

describe('/v1/messages with the official @anthropic-ai/sdk', () => {
  let anthropicUpstream: Awaited<ReturnType<typeof startMockAnthropic>>;
  let openaiUpstream: MockUpstream;
  let gateway: GatewayProcess;
  let client: Anthropic;

  beforeAll(async () => {
    anthropicUpstream = await startMockAnthropic();
    openaiUpstream = await startMockUpstream();
    gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'claude',
            litellm_params: {
              model: 'anthropic/claude-sonnet-4-5',
              api_base: anthropicUpstream.url,
              api_key: 'sk-ant-test',
            },
          },
          {
            model_name: 'gpt',
            litellm_params: { model: 'openai/gpt-4o', api_base: `${openaiUpstream.url}/v1` },
          },
        ],
      },
      env: { LITELLM_MASTER_KEY: MASTER },
    });
    client = new Anthropic({ baseURL: gateway.url, apiKey: MASTER, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await anthropicUpstream?.close();
    await openaiUpstream?.close();
  });

  it('passes a request straight through to an Anthropic deployment, with the public model name', async () => {
    const { data, response } = await client.messages
      .create({
        model: 'claude',
        max_tokens: 100,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'hi' }],
        metadata: { user_id: 'user-7' },
      })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'Hello from Claude' }]);
    expect(data.model).toBe('claude');
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage).toMatchObject({ input_tokens: 11, output_tokens: 7 });
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeGreaterThan(0);
    const sent = anthropicUpstream.requests.at(-1);
    expect(sent?.headers['x-api-key']).toBe('sk-ant-test');
    expect(sent?.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'hi' }],
      metadata: { user_id: 'user-7' },
    });
  });

  it("forwards the client's anthropic-beta flags to an Anthropic deployment", async () => {
    await client.messages.create(
      { model: 'claude', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' } },
    );
    expect(anthropicUpstream.requests.at(-1)?.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
    await client.messages.create({
      model: 'claude',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(anthropicUpstream.requests.at(-1)?.headers['anthropic-beta']).toBeUndefined();
  });

  it('streams Anthropic events through from an Anthropic deployment, tool use included', async () => {
    const stream = client.messages.stream({
      model: 'claude',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [WEATHER_TOOL],
    });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual([
      { type: 'tool_use', id: 'toolu_stream', name: 'get_weather', input: { location: 'Paris' } },
    ]);
    expect(final.model).toBe('claude');
    expect(final.usage.output_tokens).toBe(7);
  });

  it('translates a request for an OpenAI deployment and answers in Anthropic shape', async () => {
    const data = await client.messages.create({
      model: 'gpt',
      max_tokens: 50,
      system: [{ type: 'text', text: 'You are terse.' }],
      messages: [
        { role: 'user', content: 'first turn' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'echo: translated answer' }] },
      ],
    });
    expect(data.type).toBe('message');
    expect(data.role).toBe('assistant');
    expect(data.model).toBe('gpt');
    expect(data.content).toEqual([{ type: 'text', text: 'translated answer' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage.output_tokens).toBe(2);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    const sent = openaiUpstream.requests.at(-1);
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.body).toMatchObject({
      model: 'gpt-4o',
      max_tokens: 50,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'first turn' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'echo: translated answer' },
      ],
    });
  });

  it('round-trips tool use through an OpenAI deployment: tool_use out, tool_result back in', async () => {
    const first = await client.messages.create({
      model: 'gpt',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [WEATHER_TOOL],
      tool_choice: { type: 'any' },
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ name: 'get_weather', input: { location: 'Paris' } });
    const second = await client.messages.create({
      model: 'gpt',
      max_tokens: 50,
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: (toolUse as { id: string }).id, content: 'sunny' }],
        },
      ],
      tools: [WEATHER_TOOL],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'The tool returned: sunny' }]);
    const sent = openaiUpstream.requests.at(-1);
    expect(sent?.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: WEATHER_TOOL.input_schema } }],
      messages: [
        { role: 'user' },
        { role: 'assistant', tool_calls: [{ function: { name: 'get_weather' } }] },
        { role: 'tool', tool_call_id: (toolUse as { id: string }).id, content: 'sunny' },
      ],
    });
  });

  it('streams an OpenAI deployment as Anthropic events, text and tool use', async () => {
    const text = client.messages.stream({
      model: 'gpt',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'echo: streamed through chat' }],
    });
    const deltas: string[] = [];
    text.on('text', (delta) => deltas.push(delta));
    const message = await text.finalMessage();
    expect(deltas.join('')).toBe('streamed through chat');
    expect(deltas.length).toBeGreaterThan(1);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(3);

    const tool = await client.messages
      .stream({
        model: 'gpt',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'weather?' }],
        tools: [WEATHER_TOOL],
        tool_choice: { type: 'any' },
      })
      .finalMessage();
    expect(tool.stop_reason).toBe('tool_use');
    expect(tool.content).toMatchObject([
      { type: 'tool_use', name: 'get_weather', input: { location: 'Paris' } },
    ]);
  });

  it('counts tokens for any configured model', async () => {
    const counted = await client.messages.countTokens({
      model: 'gpt',
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'How many tokens is this sentence?' }],
      tools: [WEATHER_TOOL],
    });
    expect(counted.input_tokens).toBeGreaterThan(10);
    expect(counted.input_tokens).toBeLessThan(200);
  });

  it('answers errors in Anthropic shape that both SDKs read', async () => {
    const unknown = await client.messages
      .create({ model: 'nope', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(Anthropic.BadRequestError);
    expect((unknown as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining('Invalid model name'),
        param: 'model',
      },
    });

    const noKey = await new Anthropic({ baseURL: gateway.url, apiKey: 'sk-wrong', maxRetries: 0 }).messages
      .create({ model: 'claude', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    expect(noKey).toBeInstanceOf(Anthropic.AuthenticationError);

    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': MASTER, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt',
        max_tokens: 5,
        messages: [{ role: 'user', content: [{ text: 'no type' }] }],
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', param: 'messages[0].content[0]' },
    });
  });
});
