import { cacheParamsSchema, litellmParamsSchema, modelInfoSchema, ssoSettingsSchema } from './config.schema';
import { isRecord } from './is-record';
import { IMPLEMENTED_ROUTING_STRATEGIES, type RoutingStrategy } from './providers';

const SECTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  general_settings: [
    'master_key',
    'database_url',
    'max_request_size_mb',
    'store_model_in_db',
    'moderation_model',
    'disable_spend_logs',
    'store_prompts_in_spend_logs',
    'alerting',
    'background_health_checks',
    'health_check_interval',
    'sso',
  ],
  // cache_params is read for its Redis connection (a fallback for REDIS_HOST).
  litellm_settings: [
    'drop_params',
    'request_timeout',
    'num_retries',
    'json_logs',
    'set_verbose',
    'cache',
    'cache_params',
    'max_end_user_budget',
    'fallbacks',
    'context_window_fallbacks',
    'content_policy_fallbacks',
    'default_fallbacks',
    'require_auth_for_metrics_endpoint',
    'prometheus_latency_buckets',
    'enable_end_user_cost_tracking_prometheus_only',
  ],
  router_settings: [
    'routing_strategy',
    'model_group_alias',
    'timeout',
    'stream_timeout',
    'num_retries',
    'redis_host',
    'redis_port',
    'redis_password',
    'fallbacks',
    'context_window_fallbacks',
    'content_policy_fallbacks',
    'default_fallbacks',
    'max_fallbacks',
    'allowed_fails',
    'cooldown_time',
    'retry_after',
    'retry_policy',
    'allowed_fails_policy',
    'enable_pre_call_checks',
    'routing_strategy_args',
  ],
};

const TOP_LEVEL_KEYS: readonly string[] = [
  'model_list',
  'environment_variables',
  ...Object.keys(SECTION_KEYS),
];

const DEPLOYMENT_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['model_name', 'litellm_params', 'model_info'],
  litellm_params: [
    'model',
    'api_base',
    'api_key',
    'api_version',
    'organization',
    'timeout',
    'stream_timeout',
    'max_retries',
    'num_retries',
    'rpm',
    'tpm',
    'weight',
    'extra_headers',
    'mock_response',
    'drop_params',
    'order',
    'aws_access_key_id',
    'aws_secret_access_key',
    'aws_session_token',
    'aws_region_name',
    'aws_bedrock_runtime_endpoint',
    'safety_settings',
  ],
  model_info: [
    'id',
    'mode',
    'input_cost_per_token',
    'output_cost_per_token',
    'max_tokens',
    'max_input_tokens',
    'base_model',
    'health_check_model',
    'health_check_max_tokens',
    'health_check_timeout',
  ],
};

function union(keys: readonly string[] | undefined, shape: object): readonly string[] {
  return [...new Set([...(keys ?? []), ...Object.keys(shape)])];
}

/**
 * The `config.yaml` keys this build implements, per place in the document: the top level, each
 * section, a `model_list[]` entry and its two mappings, and the two nested mappings with a schema
 * of their own. Any other key is accepted with a start-up warning (collectUnimplementedSettings).
 * README.md's configuration reference is checked against this list (test/e2e/readme.e2e-spec.ts).
 */
export const SUPPORTED_SETTINGS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  '': TOP_LEVEL_KEYS,
  ...SECTION_KEYS,
  'model_list[]': DEPLOYMENT_KEYS[''] ?? [],
  'model_list[].litellm_params': union(DEPLOYMENT_KEYS['litellm_params'], litellmParamsSchema.shape),
  'model_list[].model_info': union(DEPLOYMENT_KEYS['model_info'], modelInfoSchema.shape),
  'general_settings.sso': Object.keys(ssoSettingsSchema.shape),
  'litellm_settings.cache_params': Object.keys(cacheParamsSchema.shape),
});

/**
 * Names every setting present in the document that this build accepts but does not implement,
 * as `section.key`; per-deployment keys appear once as `model_list[].litellm_params.key`.
 */
export function collectUnimplementedSettings(document: Readonly<Record<string, unknown>>): string[] {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(document)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      found.add(key);
      continue;
    }
    const implemented = SECTION_KEYS[key];
    if (implemented && isRecord(value)) {
      for (const sectionKey of Object.keys(value)) {
        if (!implemented.includes(sectionKey)) found.add(`${key}.${sectionKey}`);
      }
    }
    if (key === 'model_list' && Array.isArray(value)) {
      for (const entry of value) collectDeploymentKeys(entry, found);
    }
  }
  const strategy = isRecord(document['router_settings'])
    ? document['router_settings']['routing_strategy']
    : undefined;
  if (typeof strategy === 'string' && !IMPLEMENTED_ROUTING_STRATEGIES.has(strategy as RoutingStrategy)) {
    found.add(`router_settings.routing_strategy=${strategy}`);
  }
  return [...found];
}

function collectDeploymentKeys(entry: unknown, found: Set<string>): void {
  if (!isRecord(entry)) return;
  for (const [part, implemented] of Object.entries(DEPLOYMENT_KEYS)) {
    const mapping = part === '' ? entry : entry[part];
    if (!isRecord(mapping)) continue;
    const prefix = part === '' ? 'model_list[]' : `model_list[].${part}`;
    for (const key of Object.keys(mapping)) {
      if (!implemented.includes(key)) found.add(`${prefix}.${key}`);
    }
  }
}
