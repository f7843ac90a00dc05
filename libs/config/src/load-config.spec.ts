import { afterAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './load-config';
import { EXAMPLE_ENV, LITELLM_EXAMPLE_YAML, SUPPORTED_EXAMPLE_YAML } from './testing/litellm-example';
import {
  loadYaml,
  loadYamlError,
  problemLines,
  removeTempConfigs,
  writeTempConfig,
} from './testing/temp-config';

afterAll(removeTempConfigs);

const ONE_MODEL = `
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
`;

describe('loadGatewayConfig: a valid config', () => {
  it('loads the full LiteLLM example (with supported providers) and maps every section', () => {
    const env = { ...EXAMPLE_ENV };
    const { config, warnings } = loadYaml(SUPPORTED_EXAMPLE_YAML, env);

    expect(config.modelList).toHaveLength(9);
    const [eastus, sweden, openai] = config.modelList;
    expect(eastus).toMatchObject({
      modelName: 'gpt-4o',
      params: {
        model: 'azure/gpt-4o-eastus',
        provider: 'azure',
        providerModel: 'gpt-4o-eastus',
        apiBase: 'https://eastus.example.openai.azure.com/',
        apiKey: 'azure-eastus-secret-1111',
        apiVersion: '2024-10-21',
        rpm: 600,
        tpm: 200000,
        timeout: 60,
        streamTimeout: 15,
        extraHeaders: {},
        extra: {},
      },
      info: { id: 'gpt4o-azure-eastus', baseModel: 'azure/gpt-4o-2024-08-06', extra: {} },
    });
    expect(sweden?.params.weight).toBe(1);
    expect(openai?.params).toMatchObject({
      provider: 'openai',
      providerModel: 'gpt-4o',
      extra: { order: 2 },
    });
    expect(openai?.info.id).toMatch(/^[0-9a-f]{64}$/);
    expect(config.modelList[4]?.params.extra).toEqual({
      aws_region_name: 'us-west-2',
      aws_access_key_id: 'AKIA-secret-5555',
      aws_secret_access_key: 'aws-secret-6666',
    });
    expect(config.modelList[6]?.info.mode).toBe('embedding');
    expect(config.modelList[7]?.params.providerModel).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(config.modelList[7]?.info).toMatchObject({
      inputCostPerToken: 0,
      outputCostPerToken: 0,
      maxInputTokens: 8192,
    });

    expect(config.masterKey).toBe('sk-master-secret-9999');
    expect(config.databaseUrl).toBe(EXAMPLE_ENV['DATABASE_URL']);
    expect(config.redis).toEqual({ host: 'redis.internal', port: 6380, password: 'redis-secret-8888' });
    expect(config.storeModelInDb).toBe(true);
    expect(config.litellmSettings).toEqual({
      dropParams: true,
      requestTimeout: 600,
      numRetries: 2,
      jsonLogs: false,
      setVerbose: false,
      maxEndUserBudget: 5,
    });
    expect(config.routerSettings).toEqual({
      routingStrategy: 'simple-shuffle',
      modelGroupAlias: { 'gpt-4': 'gpt-4o' },
      hiddenModelGroupAliases: [],
      timeout: 60,
      streamTimeout: undefined,
      numRetries: 2,
    });
    expect(config.raw.generalSettings['proxy_batch_write_at']).toBe(10);
    expect(config.raw.litellmSettings['callbacks']).toEqual(['prometheus']);
    expect(env['LITELLM_LOG']).toBe('INFO');

    expect(config.unimplementedSettings).toEqual(
      expect.arrayContaining([
        'model_list[].litellm_params.vertex_project',
        'litellm_settings.callbacks',
        'general_settings.alert_types',
      ]),
    );
    expect(warnings).toHaveLength(1);
  });

  it('rejects the original example, naming the deployment with an unsupported provider (vertex_ai)', () => {
    const error = loadYamlError(LITELLM_EXAMPLE_YAML, { ...EXAMPLE_ENV });
    const lines = problemLines(error);
    expect(lines).toEqual([
      'model_list[5].litellm_params.model: unknown provider "vertex_ai" in "vertex_ai/gemini-2.5-flash" (this build supports: openai, azure, anthropic, gemini, bedrock, mock, groq, mistral, deepseek, openrouter, together_ai, fireworks_ai, xai, perplexity, hosted_vllm, ollama, ollama_chat)',
    ]);
  });

  it('applies the defaults to a minimal config', () => {
    const path = writeTempConfig(ONE_MODEL);
    const { config, warnings } = loadGatewayConfig(['--config', path], {});
    expect(warnings).toEqual([]);
    expect(config.configPath).toBe(path);
    expect(config.server).toEqual({
      port: 4000,
      host: '0.0.0.0',
      numWorkers: 1,
      shutdownGraceMs: 30_000,
      bodyLimitBytes: 64 * 1024 * 1024,
    });
    expect(config).toMatchObject({
      masterKey: undefined,
      databaseUrl: undefined,
      redis: undefined,
      storeModelInDb: false,
      litellmSettings: {
        dropParams: false,
        requestTimeout: 6000,
        numRetries: undefined,
        jsonLogs: false,
        setVerbose: false,
      },
      routerSettings: { routingStrategy: 'simple-shuffle', modelGroupAlias: {} },
      raw: { generalSettings: {}, litellmSettings: {}, routerSettings: {} },
      unimplementedSettings: [],
    });
    expect(config.modelList[0]?.params).toMatchObject({
      apiBase: undefined,
      apiKey: undefined,
      apiVersion: undefined,
      organization: undefined,
      timeout: undefined,
      rpm: undefined,
    });
  });

  it('accepts an empty file, a comment-only file and sections without values', () => {
    for (const text of ['', '# nothing yet\n', 'model_list:\ngeneral_settings:\nrouter_settings:\n']) {
      const { config } = loadYaml(text);
      expect(config.modelList).toEqual([]);
      expect(config.server.port).toBe(4000);
    }
  });

  it('coerces numeric strings and boolean words', () => {
    const { config } = loadYaml(`
model_list:
  - model_name: m
    litellm_params:
      model: openai/gpt-4o
      rpm: "600"
      tpm: " 1000 "
      timeout: "2.5"
      max_retries: "0"
      weight: "3"
      extra_headers: {X-Team: "a", X-Version: 2}
    model_info:
      max_tokens: "4096"
      input_cost_per_token: "1e-6"
litellm_settings:
  drop_params: "True"
  json_logs: "false"
  set_verbose: True
  request_timeout: "30"
general_settings:
  max_request_size_mb: "1.5"
  store_model_in_db: "False"
`);
    expect(config.modelList[0]?.params).toMatchObject({
      rpm: 600,
      tpm: 1000,
      timeout: 2.5,
      maxRetries: 0,
      weight: 3,
      extraHeaders: { 'X-Team': 'a', 'X-Version': '2' },
    });
    expect(config.modelList[0]?.info).toMatchObject({ maxTokens: 4096, inputCostPerToken: 0.000001 });
    expect(config.litellmSettings).toMatchObject({
      dropParams: true,
      jsonLogs: false,
      setVerbose: true,
      requestTimeout: 30,
    });
    expect(config.server.bodyLimitBytes).toBe(Math.round(1.5 * 1024 * 1024));
    expect(config.storeModelInDb).toBe(false);
  });

  it('maps model_group_alias given as a name or as {model, hidden}, and other routing strategies', () => {
    const { config } = loadYaml(`
router_settings:
  routing_strategy: latency-based-routing
  model_group_alias:
    gpt-4: gpt-4o
    secret-alias: {model: gpt-4o-mini, hidden: true}
`);
    expect(config.routerSettings.modelGroupAlias).toEqual({
      'gpt-4': 'gpt-4o',
      'secret-alias': 'gpt-4o-mini',
    });
    expect(config.routerSettings.hiddenModelGroupAliases).toEqual(['secret-alias']);
    expect(config.routerSettings.routingStrategy).toBe('latency-based-routing');
    expect(config.routing.strategy).toBe('latency-based-routing');
    expect(config.unimplementedSettings).toEqual([]);
  });

  it('keeps unknown litellm_params and model_info keys in extra', () => {
    const { config } = loadYaml(`
model_list:
  - model_name: m
    litellm_params: {model: mock/echo, mock_response: "hi", tags: [a]}
    model_info: {mode: chat, supports_vision: true, access_groups: [beta]}
`);
    const [deployment] = config.modelList;
    expect(deployment?.params).toMatchObject({ provider: 'mock', providerModel: 'echo' });
    expect(deployment?.params.extra).toEqual({ mock_response: 'hi', tags: ['a'] });
    expect(deployment?.info.extra).toEqual({ supports_vision: true, access_groups: ['beta'] });
  });

  it('accepts wildcard models and splits only on the first slash', () => {
    const { config } = loadYaml(`
model_list:
  - {model_name: "*", litellm_params: {model: "openai/*"}}
  - {model_name: ft, litellm_params: {model: "openai/ft:gpt-4o:org/x"}}
`);
    expect(config.modelList.map((d) => d.params.providerModel)).toEqual(['*', 'ft:gpt-4o:org/x']);
  });

  it('supports YAML anchors and merge keys (as PyYAML does)', () => {
    const { config } = loadYaml(`
x-azure: &azure
  api_base: https://a.example.com/
  api_version: "2024-10-21"
model_list:
  - model_name: a
    litellm_params:
      <<: *azure
      model: azure/dep-a
`);
    expect(config.modelList[0]?.params).toMatchObject({
      apiBase: 'https://a.example.com/',
      apiVersion: '2024-10-21',
    });
    expect(config.unimplementedSettings).toEqual(['x-azure']);
  });

  it('lets a repeated key win silently like LiteLLM, with a warning', () => {
    const { config, warnings } = loadYaml('litellm_settings:\n  drop_params: false\n  drop_params: true\n');
    expect(config.litellmSettings.dropParams).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('line 3, column 3: Map keys must be unique');
  });

  it('returns a deeply frozen config', () => {
    const { config } = loadYaml(`
model_list:
  - model_name: m
    litellm_params: {model: openai/gpt-4o, tags: [a], extra_headers: {X-A: b}}
    model_info: {custom: {nested: [1]}}
general_settings: {alerting: [slack]}
`);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(config.modelList)).toBe(true);
    expect(Object.isFrozen(config.modelList[0]?.params.extraHeaders)).toBe(true);
    expect(Object.isFrozen(config.modelList[0]?.params.extra['tags'])).toBe(true);
    expect(Object.isFrozen(config.modelList[0]?.info.extra['custom'])).toBe(true);
    expect(Object.isFrozen(config.raw.generalSettings['alerting'])).toBe(true);
    expect(Object.isFrozen(config.unimplementedSettings)).toBe(true);
    expect(() => {
      (config.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});
