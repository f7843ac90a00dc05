import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

describe('completions, embeddings, moderations, models, providers', () => {
  let upstream: MockUpstream;
  let gateway: GatewayProcess;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    const openai = { api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' };
    gateway = await startGateway({
      config: {
        model_list: [
          { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', ...openai } },
          { model_name: 'instruct', litellm_params: { model: 'openai/gpt-3.5-turbo-instruct', ...openai } },
          {
            model_name: 'embed-small',
            litellm_params: { model: 'openai/text-embedding-3-small', ...openai },
          },
          {
            model_name: 'omni-moderation-latest',
            litellm_params: { model: 'openai/omni-moderation-latest', ...openai },
          },
          {
            model_name: 'azure-gpt',
            litellm_params: {
              model: 'azure/my-gpt-deployment',
              api_base: upstream.url,
              api_key: 'azure-key',
              api_version: '2024-10-21',
            },
          },
          { model_name: 'offline', litellm_params: { model: 'mock/offline-model' } },
          { model_name: 'openai/*', litellm_params: { model: 'openai/*', ...openai } },
        ],
        router_settings: { model_group_alias: { 'gpt-4': 'gpt-4o' } },
        general_settings: { moderation_model: 'omni-moderation-latest' },
      },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'anything', maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  it('serves legacy completions, plain and streamed', async () => {
    const plain = await client.completions.create({ model: 'instruct', prompt: 'Say hi' });
    expect(plain.object).toBe('text_completion');
    expect(plain.model).toBe('instruct');
    expect(plain.choices[0]?.text.length).toBeGreaterThan(0);
    expect(upstream.requests.at(-1)?.path).toBe('/v1/completions');

    const stream = await client.completions.create({ model: 'instruct', prompt: 'Say hi', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text.length).toBeGreaterThan(0);
  });

  it('serves embeddings, including the SDK default base64 encoding and dimensions', async () => {
    const result = await client.embeddings.create({ model: 'embed-small', input: ['a', 'b'], dimensions: 8 });
    expect(result.model).toBe('embed-small');
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(8);
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 8 });
  });

  it('serves moderations, with the configured default model when none is given', async () => {
    const result = await client.moderations.create({ input: 'hello' });
    expect(result.results[0]?.flagged).toBe(false);
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: 'omni-moderation-latest', input: 'hello' });
  });

  it('lists and retrieves models in OpenAI shape, hiding wildcard routes', async () => {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining(['gpt-4o', 'instruct', 'embed-small', 'azure-gpt', 'offline', 'gpt-4']),
    );
    expect(ids).not.toContain('openai/*');
    expect(page.data[0]).toMatchObject({ object: 'model', created: 1677610602, owned_by: 'openai' });

    expect((await client.models.retrieve('gpt-4o')).id).toBe('gpt-4o');
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('routes aliases and wildcard model names', async () => {
    const aliased = await client.chat.completions.create({
      model: 'gpt-4',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(aliased.model).toBe('gpt-4');
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o' });

    const wild = await client.chat.completions.create({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(wild.model).toBe('openai/gpt-4.1-mini');
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4.1-mini' });
  });

  it('speaks Azure OpenAI upstream: deployment path, api-version and api-key header', async () => {
    const result = await client.chat.completions.create({
      model: 'azure-gpt',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(result.model).toBe('azure-gpt');
    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/openai/deployments/my-gpt-deployment/chat/completions');
    expect(sent?.search).toContain('api-version=2024-10-21');
    expect(sent?.headers['api-key']).toBe('azure-key');
  });

  it('accepts Azure OpenAI clients on its own deployment paths', async () => {
    const azure = new AzureOpenAI({
      endpoint: gateway.url,
      apiKey: 'anything',
      apiVersion: '2024-10-21',
      deployment: 'gpt-4o',
      maxRetries: 0,
    });
    const result = await azure.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(result.choices[0]?.message.content).toBeTruthy();
  });

  it('answers offline from the mock/ provider, plain and streamed, with usage', async () => {
    const before = upstream.requests.length;
    const plain = await client.chat.completions.create({
      model: 'offline',
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(plain.choices[0]?.message.content).toContain('ping');
    expect(plain.usage?.prompt_tokens).toBeGreaterThan(0);

    const stream = await client.chat.completions.create({
      model: 'offline',
      messages: [{ role: 'user', content: 'ping' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(upstream.requests.length).toBe(before);
  });

  it("supports LiteLLM's per-request mock_response, including simulated errors", async () => {
    const before = upstream.requests.length;
    const mocked = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      // @ts-expect-error LiteLLM extension
      mock_response: 'This is a mock request',
    });
    expect(mocked.choices[0]?.message.content).toBe('This is a mock request');
    expect(mocked.model).toBe('gpt-4o');

    await expect(
      client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
        // @ts-expect-error LiteLLM extension
        mock_response: 'litellm.RateLimitError',
      }),
    ).rejects.toMatchObject({ status: 429 });
    expect(upstream.requests.length).toBe(before);
  });

  it('serves every route without the /v1 prefix too', async () => {
    const bare = new OpenAI({ baseURL: gateway.url, apiKey: 'anything', maxRetries: 0 });
    const result = await bare.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(result.model).toBe('gpt-4o');
    expect((await bare.models.list()).data.length).toBeGreaterThan(0);
    const embedded = await bare.embeddings.create({ model: 'embed-small', input: 'x' });
    expect(embedded.data).toHaveLength(1);
  });

  it('answers liveness in both spellings and readiness, without a key', async () => {
    for (const path of ['/health/liveness', '/health/liveliness']) {
      const res = await fetch(`${gateway.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toBe("I'm alive!");
    }
    const ready = await fetch(`${gateway.url}/health/readiness`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'connected', db: 'connected', cache: null });
  });
});

describe('unpriced models', () => {
  it('cost 0, are counted in a metric and logged once, not per request', async () => {
    const gateway = await startGateway({
      config: { model_list: [{ model_name: 'free', litellm_params: { model: 'mock/free-model' } }] },
    });
    try {
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
      for (let i = 0; i < 3; i++) {
        const { response } = await client.chat.completions
          .create({ model: 'free', messages: [{ role: 'user', content: 'hi' }] })
          .withResponse();
        expect(response.headers.get('x-litellm-response-cost')).toBe('0');
      }
      const stream = await client.chat.completions.create({
        model: 'free',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      for await (const chunk of stream) void chunk;
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      // A streamed request counts once, like the others.
      expect(metrics).toContain('switchyard_unpriced_model_requests_total{model="free"} 4');
      expect(gateway.output().split('no price for model free-model')).toHaveLength(2);
    } finally {
      await gateway.stop();
    }
  });
});
