import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { runGateway, startGateway, writeConfig, type GatewayProcess } from '../support/start-gateway';

describe('the OpenAI-compatible family by prefix', () => {
  let upstream: MockUpstream;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'llama-groq',
            litellm_params: { model: 'groq/llama-3.3-70b-versatile', api_base: `${upstream.url}/v1` },
          },
          { model_name: 'vllm', litellm_params: { model: 'hosted_vllm/meta-llama/Llama-3.1-8B-Instruct' } },
          { model_name: 'mistral', litellm_params: { model: 'mistral/mistral-small-latest' } },
        ],
      },
      env: {
        GROQ_API_KEY: 'gsk-test',
        HOSTED_VLLM_API_BASE: `${upstream.url}/v1`,
        MISTRAL_API_BASE: `${upstream.url}/v1`,
        MISTRAL_API_KEY: 'mk-test',
      },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  it.each([
    ['llama-groq', 'llama-3.3-70b-versatile', 'Bearer gsk-test'],
    ['vllm', 'meta-llama/Llama-3.1-8B-Instruct', undefined],
    ['mistral', 'mistral-small-latest', 'Bearer mk-test'],
  ])(
    'serves %s through the OpenAI wire format with its key variable',
    async (model, upstreamModel, authorization) => {
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
      const answer = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'echo: hi' }],
      });
      expect(answer.choices[0]?.message.content).toBe('hi');
      expect(answer.model).toBe(model);
      const sent = upstream.requests.at(-1);
      expect(sent?.body).toMatchObject({ model: upstreamModel });
      expect(sent?.headers.authorization).toBe(authorization);
    },
  );

  it('refuses a hosted_vllm deployment without api_base at start-up, naming the field', async () => {
    const file = writeConfig({
      model_list: [{ model_name: 'v', litellm_params: { model: 'hosted_vllm/x' } }],
    });
    const { code, output } = await runGateway(['--config', file]);
    expect(code).not.toBe(0);
    expect(output).toContain('model_list[0].litellm_params.api_base: required for hosted_vllm deployments');
  });
});
