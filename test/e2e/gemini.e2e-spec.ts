import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MOCK_GEMINI_KEY, startMockGemini } from '../support/mock-gemini';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' } },
      required: ['location'],
      additionalProperties: false,
    },
  },
};

function geminiDeployment(modelName: string, model: string, apiBase: string, apiKey: string) {
  return { model_name: modelName, litellm_params: { model, api_base: apiBase, api_key: apiKey } };
}

describe('gemini/ deployments behind the OpenAI shape (openai SDK)', () => {
  let upstream: Awaited<ReturnType<typeof startMockGemini>>;
  let gateway: GatewayProcess;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startMockGemini();
    gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'gemini-flash',
            litellm_params: {
              model: 'gemini/gemini-2.5-flash',
              api_base: upstream.url,
              api_key: 'os.environ/GEMINI_API_KEY',
              safety_settings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
            },
          },
          geminiDeployment('gemini-embed', 'gemini/text-embedding-004', upstream.url, MOCK_GEMINI_KEY),
          geminiDeployment('gemini-bad-key', 'gemini/gemini-2.5-flash', upstream.url, 'wrong'),
        ],
      },
      env: { GEMINI_API_KEY: MOCK_GEMINI_KEY },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  it('answers a chat request with content, finish_reason, usage and a cost, the key in a header', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gemini-flash', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from Gemini');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.model).toBe('gemini-flash');
    expect(data.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeGreaterThan(0);
    const sent = upstream.requests.at(-1);
    expect(sent?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent?.headers['x-goog-api-key']).toBe(MOCK_GEMINI_KEY);
    expect(sent?.body).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
    });
  });

  it('translates a multi-turn conversation with a system prompt, an image, a tool call and its result', async () => {
    await client.chat.completions.create({
      model: 'gemini-flash',
      messages: [
        { role: 'system', content: 'You are a weather bot.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Where is this, and what is the weather?' },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Let me check.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 21°C' },
        { role: 'assistant', content: 'It is Paris, sunny.' },
        { role: 'user', content: 'Thanks! And tomorrow?' },
      ],
      tools: [weatherTool],
      temperature: 0.4,
      max_tokens: 200,
    });
    expect(upstream.requests.at(-1)?.body).toEqual({
      systemInstruction: { parts: [{ text: 'You are a weather bot.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Where is this, and what is the weather?' },
            { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' } },
          ],
        },
        {
          role: 'model',
          parts: [
            { text: 'Let me check.' },
            { functionCall: { name: 'get_weather', args: { location: 'Paris' } } },
          ],
        },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { content: 'Sunny, 21°C' } } }],
        },
        { role: 'model', parts: [{ text: 'It is Paris, sunny.' }] },
        { role: 'user', parts: [{ text: 'Thanks! And tomorrow?' }] },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Weather of a city',
              parameters: {
                type: 'object',
                properties: { location: { type: 'string' } },
                required: ['location'],
              },
            },
          ],
        },
      ],
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
      generationConfig: { temperature: 0.4, maxOutputTokens: 200 },
    });
  });

  it('streams text deltas as OpenAI chunks with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gemini-flash',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello from Gemini');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7 });
    expect(upstream.requests.at(-1)?.url).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  it('returns tool calls with parseable arguments and finish_reason tool_calls', async () => {
    const result = await client.chat.completions.create({
      model: 'gemini-flash',
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(result.choices[0]?.finish_reason).toBe('tool_calls');
    const call = result.choices[0]?.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^call_/);
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
    expect(upstream.requests.at(-1)?.body).toMatchObject({
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
    });
  });

  it('embeds texts through batchEmbedContents', async () => {
    const result = await client.embeddings.create({
      model: 'gemini-embed',
      input: ['hello world', 'bonjour'],
      dimensions: 8,
    });
    expect(result.data).toHaveLength(2);
    expect(result.data[1]?.index).toBe(1);
    expect(result.data[0]?.embedding).toHaveLength(8);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    const sent = upstream.requests.at(-1);
    expect(sent?.url).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
    expect(sent?.body).toEqual({
      requests: [
        {
          model: 'models/text-embedding-004',
          content: { parts: [{ text: 'hello world' }] },
          outputDimensionality: 8,
        },
        {
          model: 'models/text-embedding-004',
          content: { parts: [{ text: 'bonjour' }] },
          outputDimensionality: 8,
        },
      ],
    });
  });

  it("passes Gemini's context-window error through as a 400", async () => {
    const error = await client.chat.completions
      .create({ model: 'gemini-flash', messages: [{ role: 'user', content: 'context-overflow' }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toContain('GeminiException - The input token count');
  });

  it('raises an error on a truncated stream, then serves the next request', async () => {
    const stream = await client.chat.completions.create({
      model: 'gemini-flash',
      messages: [{ role: 'user', content: 'truncate-stream' }],
      stream: true,
    });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('GeminiException');
    expect(text).toBe('Hello');
    const next = await client.chat.completions.create({
      model: 'gemini-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(next.choices[0]?.message.content).toBe('Hello from Gemini');
  });

  it("passes the upstream's 403 for a bad API key through in OpenAI's error shape", async () => {
    const request = { model: 'gemini-bad-key', messages: [{ role: 'user', content: 'hi' }] };
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      message: expect.stringContaining(
        'GeminiException - API key not valid. Please pass a valid API key.',
      ) as unknown,
      code: '403',
    });
    const error = await client.chat.completions
      .create({ model: 'gemini-bad-key', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});
