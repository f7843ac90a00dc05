import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { loadGatewayConfig } from './load-config';
import {
  expectConfigError,
  loadYamlError,
  problemLines,
  removeTempConfigs,
  writeTempConfig,
} from './testing/temp-config';

afterAll(removeTempConfigs);

describe('loadGatewayConfig: invalid configs', () => {
  it('names the absolute file path in the first line', () => {
    const path = writeTempConfig('model_list: [{model_name: m}]');
    const error = expectConfigError(() => loadGatewayConfig(['--config', path], {}));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(Error);
    expect(error.configPath).toBe(path);
    expect(error.message.split('\n')[0]).toBe(`invalid configuration in ${path}:`);
    expect(error.problems).toEqual(['model_list[0].litellm_params: required']);
  });

  it('reports a deployment without a model or model_name', () => {
    const error = loadYamlError(`
model_list:
  - model_name: a
    litellm_params: {api_key: x}
  - litellm_params: {model: openai/gpt-4o}
  - model_name: ""
    litellm_params: {model: ""}
`);
    expect(problemLines(error)).toEqual([
      'model_list[0].litellm_params.model: required',
      'model_list[1].model_name: required',
      'model_list[2].model_name: must not be empty',
      'model_list[2].litellm_params.model: must not be empty',
    ]);
  });

  it('reports an unknown provider or a model without a provider prefix', () => {
    const error = loadYamlError(`
model_list:
  - {model_name: a, litellm_params: {model: openai/gpt-4o}}
  - {model_name: b, litellm_params: {model: gpt-4o}}
  - {model_name: c, litellm_params: {model: foo/bar}}
  - {model_name: d, litellm_params: {model: "openai/"}}
`);
    expect(problemLines(error)).toEqual([
      'model_list[1].litellm_params.model: expected "<provider>/<model>" (e.g. "openai/gpt-4o"), got "gpt-4o" (this build supports: openai, azure, anthropic, gemini, bedrock, mock, groq, mistral, deepseek, openrouter, together_ai, fireworks_ai, xai, perplexity, hosted_vllm, ollama, ollama_chat)',
      'model_list[2].litellm_params.model: unknown provider "foo" in "foo/bar" (this build supports: openai, azure, anthropic, gemini, bedrock, mock, groq, mistral, deepseek, openrouter, together_ai, fireworks_ai, xai, perplexity, hosted_vllm, ollama, ollama_chat)',
      'model_list[3].litellm_params.model: missing the model name after "openai/"',
    ]);
  });

  it('reports wrong types with their path, collecting every problem', () => {
    const error = loadYamlError(`
model_list:
  - model_name: m
    litellm_params:
      model: openai/gpt-4o
      timeout: abc
      rpm: 1.5
      max_retries: -1
      extra_headers: [a]
    model_info: {max_tokens: many}
litellm_settings:
  drop_params: maybe
  num_retries: [1]
router_settings:
  routing_strategy: fastest
  model_group_alias: {a: 1}
general_settings:
  max_request_size_mb: 0
  store_model_in_db: 2
`);
    expect(problemLines(error)).toEqual([
      'model_list[0].litellm_params.timeout: expected a number, got "abc"',
      'model_list[0].litellm_params.max_retries: expected a number >= 0, got -1',
      'model_list[0].litellm_params.rpm: expected an integer, got 1.5',
      'model_list[0].litellm_params.extra_headers: expected a mapping, got a list',
      'model_list[0].model_info.max_tokens: expected a number, got "many"',
      'litellm_settings.drop_params: expected a boolean (true or false), got "maybe"',
      'litellm_settings.num_retries: expected a number, got a list',
      'router_settings.routing_strategy: expected one of simple-shuffle, least-busy, usage-based-routing, usage-based-routing-v2, latency-based-routing, cost-based-routing, provider-budget-routing, got "fastest"',
      'router_settings.model_group_alias.a: expected a model group name or a mapping {model, hidden}',
      'general_settings.max_request_size_mb: expected a number > 0, got 0',
      'general_settings.store_model_in_db: expected a boolean (true or false), got 2',
    ]);
  });

  it('rejects a document that is not a mapping', () => {
    expect(problemLines(loadYamlError('- a\n- b\n'))).toEqual([
      '(document): expected a mapping of settings (model_list, general_settings...), got a list',
    ]);
    expect(problemLines(loadYamlError('just text\n'))).toEqual([
      '(document): expected a mapping of settings (model_list, general_settings...), got "just text"',
    ]);
    expect(problemLines(loadYamlError('model_list: 3\n'))).toEqual(['model_list: expected a list, got 3']);
  });

  it('reports bad YAML with line and column, without quoting the source line', () => {
    const path = writeTempConfig('model_list:\n  - model_name: a\n    api_key: sk-leaky: oops\n');
    const error = expectConfigError(() => loadGatewayConfig(['--config', path], {}));
    expect(error.message.split('\n')[0]).toBe(`invalid YAML in ${path}:`);
    expect(error.problems[0]).toMatch(/^line 3, column \d+: /);
    expect(error.message).not.toContain('sk-leaky');
  });

  it('reports an unreadable file with the reason', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'switchyard-config-')), 'nope.yaml');
    const error = expectConfigError(() => loadGatewayConfig(['--config', missing], {}));
    expect(error.message).toBe(`cannot read config file ${missing}: ENOENT: no such file or directory`);

    const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
    expect(expectConfigError(() => loadGatewayConfig(['-c', dir], {})).message).toBe(
      `cannot read config file ${dir}: EISDIR: illegal operation on a directory`,
    );
  });

  it('requires master_key to start with sk- and never prints it', () => {
    const error = loadYamlError('general_settings:\n  master_key: my-secret-master\n');
    expect(problemLines(error)).toEqual(['general_settings.master_key: must start with "sk-"']);
    expect(error.message).not.toContain('my-secret-master');

    const fromRef = loadYamlError('general_settings:\n  master_key: os.environ/MK\n', { MK: 'plain-secret' });
    expect(problemLines(fromRef)).toEqual([
      'general_settings.master_key: must start with "sk-" (from os.environ/MK)',
    ]);

    const fromEnv = loadYamlError('', { LITELLM_MASTER_KEY: 'env-secret' });
    expect(problemLines(fromEnv)).toEqual(['env LITELLM_MASTER_KEY: must start with "sk-"']);
    expect(fromEnv.message).not.toContain('env-secret');
  });

  it('requires api_base and api_version for azure deployments', () => {
    const yaml = `
model_list:
  - model_name: a
    litellm_params: {model: azure/dep, api_base: "https://x.example.com"}
  - model_name: b
    litellm_params: {model: azure/dep2, api_version: os.environ/AZ_VERSION}
`;
    expect(problemLines(loadYamlError(yaml))).toEqual([
      'model_list[0].litellm_params.api_version: required for azure deployments (or set AZURE_API_VERSION)',
      'model_list[1].litellm_params.api_base: required for azure deployments (or set AZURE_API_BASE)',
      'model_list[1].litellm_params.api_version: required for azure deployments but os.environ/AZ_VERSION is not set',
    ]);
  });

  it('never includes secret values in messages, even on type errors', () => {
    const secrets = [
      'sk-api-secret-1',
      'sk-master-secret-2',
      'db-secret-3',
      'redis-secret-4',
      'cache-secret-5',
    ];
    const error = loadYamlError(`
model_list:
  - model_name: m
    litellm_params:
      model: openai/gpt-4o
      api_key: [sk-api-secret-1]
general_settings:
  master_key: {value: sk-master-secret-2}
  database_url: [db-secret-3]
router_settings:
  redis_password: {p: redis-secret-4}
litellm_settings:
  cache_params: {password: [cache-secret-5]}
`);
    expect(problemLines(error)).toEqual([
      'model_list[0].litellm_params.api_key: expected a string',
      'litellm_settings.cache_params.password: expected a string',
      'router_settings.redis_password: expected a string',
      'general_settings.master_key: expected a string',
      'general_settings.database_url: expected a string',
    ]);
    for (const secret of secrets) expect(error.message).not.toContain(secret);
  });

  it('reports invalid CLI flags and env settings together with file problems', () => {
    const path = writeTempConfig('model_list: [{model_name: m, litellm_params: {model: x}}]\n');
    const error = expectConfigError(() =>
      loadGatewayConfig(['--config', path, '--port', 'http'], {
        NUM_WORKERS: 'many',
        REDIS_HOST: 'r',
        REDIS_PORT: 'x',
      }),
    );
    expect(error.problems).toEqual([
      '--port: expected an integer between 0 and 65535, got "http"',
      'model_list[0].litellm_params.model: expected "<provider>/<model>" (e.g. "openai/x"), got "x" (this build supports: openai, azure, anthropic, gemini, bedrock, mock, groq, mistral, deepseek, openrouter, together_ai, fireworks_ai, xai, perplexity, hosted_vllm, ollama, ollama_chat)',
      'env NUM_WORKERS: expected an integer between 1 and 1024, got "many"',
      'env REDIS_PORT: expected an integer between 1 and 65535, got "x"',
    ]);
  });

  it('rejects duplicate deployment ids', () => {
    const error = loadYamlError(`
model_list:
  - {model_name: a, litellm_params: {model: openai/gpt-4o}, model_info: {id: dep-1}}
  - {model_name: b, litellm_params: {model: openai/gpt-4o-mini}, model_info: {id: dep-1}}
  - {model_name: c, litellm_params: {model: mock/x}}
  - {model_name: c, litellm_params: {model: mock/x}}
`);
    expect(problemLines(error)).toEqual([
      'model_list[1].model_info.id: duplicate deployment id "dep-1" (also used by model_list[0])',
      'model_list[3]: same model_name and litellm_params as model_list[2]; remove it or give each a distinct model_info.id',
    ]);
  });
});
