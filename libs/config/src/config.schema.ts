import { z } from 'zod';
import { parseModelRef, ROUTING_STRATEGIES } from './providers';
import {
  nonNegativeInt,
  nonNegativeNumber,
  optionalBoolean,
  optionalMapping,
  optionalNumber,
  optionalString,
  portNumber,
  positiveNumber,
} from './schema-fields';

const modelRefSchema = z
  .string()
  .min(1)
  .superRefine((model, ctx) => {
    if (model.length === 0) return; // reported by min(1)
    const parsed = parseModelRef(model);
    if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
  });

const headerValueSchema = z.preprocess(
  (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value),
  z.string(),
);

export const litellmParamsSchema = z.looseObject({
  model: modelRefSchema,
  api_base: optionalString(),
  api_key: optionalString(),
  api_version: optionalString(),
  organization: optionalString(),
  timeout: optionalNumber(positiveNumber()),
  stream_timeout: optionalNumber(positiveNumber()),
  max_retries: optionalNumber(nonNegativeInt()),
  rpm: optionalNumber(nonNegativeInt()),
  tpm: optionalNumber(nonNegativeInt()),
  weight: optionalNumber(nonNegativeNumber()),
  extra_headers: optionalMapping(z.record(z.string(), headerValueSchema)),
});

export const modelInfoSchema = z.looseObject({
  id: z.preprocess(
    (value) =>
      value === null || value === '' ? undefined : typeof value === 'number' ? String(value) : value,
    z.string().optional(),
  ),
  mode: optionalString(),
  input_cost_per_token: optionalNumber(nonNegativeNumber()),
  output_cost_per_token: optionalNumber(nonNegativeNumber()),
  max_tokens: optionalNumber(nonNegativeInt()),
  max_input_tokens: optionalNumber(nonNegativeInt()),
  base_model: optionalString(),
});

export const deploymentSchema = z.looseObject({
  model_name: z.string().min(1),
  litellm_params: litellmParamsSchema,
  model_info: optionalMapping(modelInfoSchema),
});

const aliasTargetSchema = z.union(
  [z.string().min(1), z.looseObject({ model: z.string().min(1), hidden: optionalBoolean() })],
  { error: 'expected a model group name or a mapping {model, hidden}' },
);

// LiteLLM writes fallbacks as a list of one-key mappings: [{"gpt-4o": ["claude-sonnet"]}].
const fallbackListSchema = optionalMapping(
  z.array(z.record(z.string(), z.array(z.string().min(1))), {
    error: 'expected a list of {"<model group>": ["<fallback group>", ...]}',
  }),
);
const groupListSchema = optionalMapping(z.array(z.string().min(1)));
const errorClassCounts = optionalMapping(z.record(z.string(), nonNegativeInt()));

const fallbackSettings = {
  fallbacks: fallbackListSchema,
  context_window_fallbacks: fallbackListSchema,
  content_policy_fallbacks: fallbackListSchema,
  default_fallbacks: groupListSchema,
};

export const routerSettingsSchema = z.looseObject({
  ...fallbackSettings,
  max_fallbacks: optionalNumber(nonNegativeInt()),
  allowed_fails: optionalNumber(nonNegativeInt()),
  cooldown_time: optionalNumber(nonNegativeNumber()),
  retry_after: optionalNumber(nonNegativeNumber()),
  retry_policy: errorClassCounts,
  allowed_fails_policy: errorClassCounts,
  enable_pre_call_checks: optionalBoolean(),
  routing_strategy_args: optionalMapping(
    z.looseObject({ lowest_latency_buffer: optionalNumber(nonNegativeNumber()) }),
  ),
  routing_strategy: z.preprocess(
    (value) => (value === null ? undefined : value),
    z.enum(ROUTING_STRATEGIES).optional(),
  ),
  model_group_alias: optionalMapping(z.record(z.string(), aliasTargetSchema)),
  timeout: optionalNumber(positiveNumber()),
  stream_timeout: optionalNumber(positiveNumber()),
  num_retries: optionalNumber(nonNegativeInt()),
  redis_host: optionalString(),
  redis_port: optionalNumber(portNumber()),
  redis_password: optionalString(),
});

export const cacheParamsSchema = z.looseObject({
  type: optionalString(),
  host: optionalString(),
  port: optionalNumber(portNumber()),
  password: optionalString(),
  ttl: optionalNumber(positiveNumber()),
  default_in_memory_ttl: optionalNumber(positiveNumber()),
  namespace: optionalString(),
  supported_call_types: optionalMapping(z.array(z.string())),
  scope: z.preprocess(
    (value) => (value === null ? undefined : value),
    z.enum(['global', 'team', 'key']).optional(),
  ),
  mode: z.preprocess(
    (value) => (value === null ? undefined : value),
    z.enum(['default_on', 'default_off']).optional(),
  ),
  max_size: optionalNumber(nonNegativeInt()),
});

export const litellmSettingsSchema = z.looseObject({
  ...fallbackSettings,
  drop_params: optionalBoolean(),
  request_timeout: optionalNumber(positiveNumber()),
  num_retries: optionalNumber(nonNegativeInt()),
  json_logs: optionalBoolean(),
  set_verbose: optionalBoolean(),
  cache: optionalBoolean(),
  cache_params: optionalMapping(cacheParamsSchema),
});

const ssoTeamMappingSchema = z.strictObject({
  group: z.string().min(1),
  team: z.string().min(1),
  role: z.preprocess((value) => (value === null ? undefined : value), z.enum(['admin', 'user']).optional()),
});
const nameListSchema = optionalMapping(z.array(z.string().min(1)));

/** `general_settings.sso`: Switchyard's extension mapping IdP groups to teams and admins. */
export const ssoSettingsSchema = z.strictObject({
  issuer: optionalString(),
  groups_claim: optionalString(),
  team_mappings: optionalMapping(z.array(ssoTeamMappingSchema)),
  admin_groups: nameListSchema,
  admin_emails: nameListSchema,
  only_mapped_users: optionalBoolean(),
  session_ttl_seconds: optionalNumber(
    z
      .int()
      .min(1)
      .max(7 * 24 * 3600),
  ),
});

export const generalSettingsSchema = z.looseObject({
  master_key: optionalString(),
  database_url: optionalString(),
  max_request_size_mb: optionalNumber(positiveNumber()),
  store_model_in_db: optionalBoolean(),
  background_health_checks: optionalBoolean(),
  health_check_interval: optionalNumber(positiveNumber()),
  sso: optionalMapping(ssoSettingsSchema),
});

/** The config document after `os.environ/` resolution (`environment_variables` is applied before). */
export const configDocumentSchema = z.looseObject({
  model_list: z.preprocess(
    (value) => (value === null ? undefined : value),
    z.array(deploymentSchema).optional(),
  ),
  litellm_settings: optionalMapping(litellmSettingsSchema),
  router_settings: optionalMapping(routerSettingsSchema),
  general_settings: optionalMapping(generalSettingsSchema),
});

export type ConfigDocument = z.output<typeof configDocumentSchema>;
export type DeploymentDocument = z.output<typeof deploymentSchema>;
