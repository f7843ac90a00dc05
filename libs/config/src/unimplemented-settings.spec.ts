import { afterAll, describe, expect, it } from 'vitest';
import { loadYaml, removeTempConfigs } from './testing/temp-config';

afterAll(removeTempConfigs);

describe('unimplemented settings', () => {
  it('collects every unimplemented key into one warning, per-deployment keys once', () => {
    const { config, warnings } = loadYaml(`
credential_list: []
guardrails: []
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, order: 1, tags: [x], mock_response: hi}
    model_info: {id: a1, supports_vision: true}
  - model_name: b
    litellm_params: {model: openai/gpt-4o-mini, order: 2}
    model_info: {id: b1, supports_vision: false, mode: chat}
litellm_settings:
  cache_responses: true
  drop_params: true
router_settings:
  routing_strategy: provider-budget-routing
  fallbacks: [{a: [b]}]
  redis_host: localhost
general_settings:
  master_key: sk-1234
  alert_types: [budget_alerts]
`);
    expect(config.unimplementedSettings).toEqual([
      'credential_list',
      'guardrails',
      'model_list[].litellm_params.tags',
      'model_list[].model_info.supports_vision',
      'litellm_settings.cache_responses',
      'general_settings.alert_types',
      'router_settings.routing_strategy=provider-budget-routing',
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('7 setting(s) are accepted but not implemented');
    expect(warnings[0]).toContain('credential_list, guardrails, model_list[].litellm_params.tags');
  });

  it('gives no warning when every setting is implemented', () => {
    const { config, warnings } = loadYaml(`
environment_variables: {A: b}
model_list:
  - model_name: a
    litellm_params:
      model: azure/dep
      api_base: https://x.example.com
      api_key: k
      api_version: "2024-10-21"
      organization: o
      timeout: 1
      stream_timeout: 1
      max_retries: 1
      rpm: 1
      tpm: 1
      weight: 1
      extra_headers: {}
      mock_response: hi
    model_info: {id: x, mode: chat, input_cost_per_token: 0, output_cost_per_token: 0, max_tokens: 1, max_input_tokens: 1, base_model: b}
litellm_settings: {drop_params: true, request_timeout: 1, num_retries: 1, json_logs: true, set_verbose: false, cache_params: {host: h}}
router_settings: {routing_strategy: simple-shuffle, model_group_alias: {}, timeout: 1, stream_timeout: 1, num_retries: 1, redis_host: h, redis_port: 1, redis_password: p}
general_settings: {master_key: sk-1, database_url: "postgres://x", max_request_size_mb: 1, store_model_in_db: false}
`);
    expect(config.unimplementedSettings).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
