import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MOCK_AWS, startMockBedrock } from '../support/mock-bedrock';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MODEL_ID = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const WRONG_SECRET = 'wJalrXUtnFEMI/K7MDENG+WRONGSECRETKEY';

const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } } },
  },
};

function bedrockEntry(
  modelName: string,
  model: string,
  apiBase: string,
  secret = 'os.environ/AWS_SECRET_ACCESS_KEY',
) {
  return {
    model_name: modelName,
    litellm_params: {
      model,
      api_base: apiBase,
      aws_access_key_id: 'os.environ/AWS_ACCESS_KEY_ID',
      aws_secret_access_key: secret,
      aws_region_name: 'us-east-1',
    },
    model_info: { input_cost_per_token: 0.000003, output_cost_per_token: 0.000015 },
  };
}

const AWS_ENV = { AWS_ACCESS_KEY_ID: MOCK_AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOCK_AWS.secretAccessKey };

describe('bedrock/ deployments behind the OpenAI shape (openai SDK)', () => {
  let upstream: Awaited<ReturnType<typeof startMockBedrock>>;
  let gateway: GatewayProcess;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startMockBedrock();
    gateway = await startGateway({
      config: {
        model_list: [
          bedrockEntry('claude-bedrock', `bedrock/${MODEL_ID}`, upstream.url),
          bedrockEntry('titan-embed', 'bedrock/amazon.titan-embed-text-v2:0', upstream.url),
          bedrockEntry('wrong-secret', `bedrock/${MODEL_ID}`, upstream.url, WRONG_SECRET),
        ],
      },
      env: AWS_ENV,
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  it('answers a chat request through a SigV4-signed Converse call, with usage and a cost', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'claude-bedrock', messages: [{ role: 'user', content: 'hi' }], max_tokens: 100 })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from Bedrock');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.model).toBe('claude-bedrock');
    expect(data.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeGreaterThan(0);
    const sent = upstream.requests.at(-1);
    expect(sent?.url).toBe(`/model/${encodeURIComponent(MODEL_ID)}/converse`);
    expect(String(sent?.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/,
    );
    expect(sent?.body).toEqual({
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      inferenceConfig: { maxTokens: 100 },
    });
  });

  it('sends a multi-turn conversation: system prompt, image, tool call and its result', async () => {
    await client.chat.completions.create({
      model: 'claude-bedrock',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is the weather where this photo was taken?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'tooluse_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'tooluse_1', content: '18°C and sunny' },
      ],
      tools: [weatherTool],
    });
    expect(upstream.requests.at(-1)?.body).toEqual({
      system: [{ text: 'Be brief.' }],
      messages: [
        {
          role: 'user',
          content: [
            { text: 'What is the weather where this photo was taken?' },
            { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { location: 'Paris' } } },
          ],
        },
        {
          role: 'user',
          content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: '18°C and sunny' }] } }],
        },
      ],
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              description: 'Weather of a city',
              inputSchema: { json: { type: 'object', properties: { location: { type: 'string' } } } },
            },
          },
        ],
      },
    });
  });

  it('streams the binary event stream as OpenAI chunks with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude-bedrock',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello from Bedrock');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7 });
    expect(upstream.requests.at(-1)?.url).toBe(`/model/${encodeURIComponent(MODEL_ID)}/converse-stream`);
  });

  it('returns tool calls in OpenAI form, streamed or not', async () => {
    const request = {
      model: 'claude-bedrock',
      messages: [{ role: 'user' as const, content: 'weather?' }],
      tools: [weatherTool],
      tool_choice: 'auto' as const,
    };
    const result = await client.chat.completions.create(request);
    expect(result.choices[0]?.finish_reason).toBe('tool_calls');
    const call = result.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
    expect(upstream.requests.at(-1)?.body).toMatchObject({ toolConfig: { toolChoice: { auto: {} } } });

    const stream = client.chat.completions.stream({ ...request, stream: true });
    const final = await stream.finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(streamed?.type === 'function' && JSON.parse(streamed.function.arguments)).toEqual({
      location: 'Paris',
    });
  });

  it('embeds with Titan, one InvokeModel call per input', async () => {
    const before = upstream.requests.length;
    const result = await client.embeddings.create({ model: 'titan-embed', input: ['hello world', 'bye'] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(8);
    expect(result.usage).toMatchObject({ prompt_tokens: 3, total_tokens: 3 });
    const sent = upstream.requests.slice(before);
    expect(sent.map((r) => r.url)).toEqual([
      '/model/amazon.titan-embed-text-v2%3A0/invoke',
      '/model/amazon.titan-embed-text-v2%3A0/invoke',
    ]);
    expect(sent.map((r) => r.body.inputText).sort()).toEqual(['bye', 'hello world']);
  });

  it('reports Bedrock errors with their status: context overflow and a throttled stream', async () => {
    const overflow = await client.chat.completions
      .create({ model: 'claude-bedrock', messages: [{ role: 'user', content: 'context-overflow' }] })
      .catch((e: unknown) => e);
    expect(overflow).toMatchObject({ status: 400 });
    expect((overflow as Error).message).toContain(
      'ContextWindowExceededError: BedrockException - Input is too long for requested model.',
    );
    const throttled = await client.chat.completions
      .create({
        model: 'claude-bedrock',
        messages: [{ role: 'user', content: 'throttle-stream' }],
        stream: true,
      })
      .catch((e: unknown) => e);
    expect(throttled).toMatchObject({ status: 429 });
  });

  it('fails a stream whose event-stream CRC is corrupt, and the next request still works', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude-bedrock',
      messages: [{ role: 'user', content: 'bad-crc' }],
      stream: true,
    });
    const read = (async () => {
      for await (const chunk of stream) void chunk;
    })();
    await expect(read).rejects.toThrow(/BedrockException - the event stream is corrupt/);
    const next = await client.chat.completions.create({
      model: 'claude-bedrock',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(next.choices[0]?.message.content).toBe('Hello from Bedrock');
  });

  it('passes the upstream signature error through as a 403 without revealing the secret', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'wrong-secret', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.text();
    expect(response.status).toBe(403);
    expect(JSON.parse(text)).toEqual({
      error: {
        message: expect.stringContaining('The request signature we calculated does not match'),
        type: expect.any(String),
        param: null,
        code: '403',
      },
    });
    expect(text).not.toContain('WRONGSECRETKEY');
    const error = await client.chat.completions
      .create({ model: 'wrong-secret', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403 });
    expect(gateway.output()).not.toContain('WRONGSECRETKEY');
  });
});
