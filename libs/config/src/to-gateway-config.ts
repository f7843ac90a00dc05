import type { ConfigDocument, DeploymentDocument } from './config.schema';
import { awsParamsOf } from './aws-params';
import { deploymentIdOf } from './deployment-id';
import type { DeploymentConfig, GatewayConfig, RedisSettings } from './gateway-config.types';
import { isRecord } from './is-record';
import type { LogSettings } from './log-settings';
import { providerEnvDefault } from './provider-env-defaults';
import { IMPLEMENTED_ROUTING_STRATEGY, parseModelRef } from './providers';
import { routingPolicyOf } from './routing-policy';
import { cacheSettingsOf } from './cache-settings';
import type { SsoSettings } from './sso-settings';

const MAPPED_INFO_KEYS = [
  'id',
  'mode',
  'input_cost_per_token',
  'output_cost_per_token',
  'max_tokens',
  'max_input_tokens',
  'base_model',
] as const;

const MEBIBYTE = 1024 * 1024;
const DEFAULT_BODY_LIMIT_MB = 64;
const DEFAULT_REQUEST_TIMEOUT_SECONDS = 6000;
const DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS = 300;

export interface MappingInput {
  readonly configPath: string;
  /** Schema output (coerced, defaults not applied). */
  readonly parsed: ConfigDocument;
  /** The document after `os.environ/` resolution, before coercion. */
  readonly resolved: Readonly<Record<string, unknown>>;
  /** The document as written in the file. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly env: NodeJS.ProcessEnv;
  readonly server: Omit<GatewayConfig['server'], 'bodyLimitBytes'>;
  readonly masterKeyFromEnv: string | undefined;
  readonly databaseUrlFromEnv: string | undefined;
  readonly storeModelInDbFromEnv: boolean;
  readonly embeddedDataDir: string;
  readonly saltKeyFromEnv: string | undefined;
  readonly queuePrefix: string;
  readonly budgetResetIntervalMs: number;
  readonly workerMetricsPort: number;
  readonly alertWebhooks: { readonly slack: string | undefined; readonly webhook: string | undefined };
  readonly redis: RedisSettings | undefined;
  readonly sso: SsoSettings | undefined;
  readonly logging: Pick<LogSettings, 'jsonLogsFromEnv' | 'level' | 'secretEnvValues'>;
  readonly unimplementedSettings: readonly string[];
}

/** Maps the validated document to GatewayConfig (not frozen yet). */
export function toGatewayConfig(input: MappingInput): GatewayConfig {
  const { parsed, resolved, raw, env } = input;
  const general = parsed.general_settings ?? {};
  const litellm = parsed.litellm_settings ?? {};
  const router = parsed.router_settings ?? {};
  const resolvedList = arrayOrEmpty(resolved['model_list']);
  const rawList = arrayOrEmpty(raw['model_list']);

  return {
    configPath: input.configPath,
    server: {
      ...input.server,
      bodyLimitBytes: Math.round((general.max_request_size_mb ?? DEFAULT_BODY_LIMIT_MB) * MEBIBYTE),
    },
    masterKey: general.master_key ?? input.masterKeyFromEnv,
    databaseUrl: input.databaseUrlFromEnv ?? general.database_url,
    redis: input.redis,
    sso: input.sso,
    storeModelInDb: input.storeModelInDbFromEnv || general.store_model_in_db === true,
    embeddedDataDir: input.embeddedDataDir,
    queuePrefix: input.queuePrefix,
    budgetResetIntervalMs: input.budgetResetIntervalMs,
    workerMetricsPort: input.workerMetricsPort,
    alerting: alertingOf(general.alerting, input.alertWebhooks),
    saltKey: input.saltKeyFromEnv ?? general.master_key ?? input.masterKeyFromEnv,
    modelList: (parsed.model_list ?? []).map((entry, index) =>
      toDeployment(entry, resolvedList[index], rawList[index], env),
    ),
    logging: { level: input.logging.level, secretEnvValues: input.logging.secretEnvValues },
    litellmSettings: {
      dropParams: litellm.drop_params ?? false,
      requestTimeout: litellm.request_timeout ?? DEFAULT_REQUEST_TIMEOUT_SECONDS,
      numRetries: litellm.num_retries,
      jsonLogs: litellm.json_logs === true || input.logging.jsonLogsFromEnv,
      setVerbose: litellm.set_verbose ?? false,
      maxEndUserBudget:
        typeof litellm.max_end_user_budget === 'number'
          ? litellm.max_end_user_budget
          : Number(litellm.max_end_user_budget) || undefined,
    },
    routerSettings: {
      routingStrategy: router.routing_strategy ?? IMPLEMENTED_ROUTING_STRATEGY,
      modelGroupAlias: Object.fromEntries(
        Object.entries(router.model_group_alias ?? {}).map(([alias, target]) => [
          alias,
          typeof target === 'string' ? target : target.model,
        ]),
      ),
      hiddenModelGroupAliases: Object.entries(router.model_group_alias ?? {})
        .filter(([, target]) => typeof target !== 'string' && target.hidden === true)
        .map(([alias]) => alias),
      timeout: router.timeout,
      streamTimeout: router.stream_timeout,
      numRetries: router.num_retries,
    },
    routing: routingPolicyOf(parsed),
    cache: cacheSettingsOf(parsed, input.redis !== undefined),
    healthChecks: {
      background: general.background_health_checks ?? false,
      intervalSeconds: general.health_check_interval ?? DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
    },
    raw: {
      generalSettings: recordOrEmpty(resolved['general_settings']),
      litellmSettings: recordOrEmpty(resolved['litellm_settings']),
      routerSettings: recordOrEmpty(resolved['router_settings']),
    },
    unimplementedSettings: input.unimplementedSettings,
  };
}

export function toDeployment(
  entry: DeploymentDocument,
  resolvedEntry: unknown,
  rawEntry: unknown,
  env: NodeJS.ProcessEnv,
): DeploymentConfig {
  const {
    model,
    api_base,
    api_key,
    api_version,
    organization,
    timeout,
    stream_timeout,
    max_retries,
    rpm,
    tpm,
    weight,
    extra_headers,
    ...extraParams
  } = entry.litellm_params;
  const ref = parseModelRef(model);
  // The schema rejected any model that does not parse, so this cannot happen.
  if ('problem' in ref) throw new Error(`unvalidated model reference: ${ref.problem}`);
  const { provider, providerModel } = ref;
  const info = entry.model_info ?? {};
  return {
    modelName: entry.model_name,
    params: {
      model,
      provider,
      providerModel,
      apiBase: api_base ?? providerEnvDefault(provider, 'apiBase', env),
      apiKey: api_key ?? providerEnvDefault(provider, 'apiKey', env),
      apiVersion: api_version ?? providerEnvDefault(provider, 'apiVersion', env),
      organization: organization ?? providerEnvDefault(provider, 'organization', env),
      timeout,
      streamTimeout: stream_timeout,
      maxRetries: max_retries,
      rpm,
      tpm,
      weight,
      extraHeaders: { ...extra_headers },
      aws: provider === 'bedrock' ? awsParamsOf(extraParams, env) : undefined,
      extra: extraParams,
    },
    info: {
      id: deploymentIdOf(resolvedEntry, rawEntry),
      mode: info.mode,
      inputCostPerToken: info.input_cost_per_token,
      outputCostPerToken: info.output_cost_per_token,
      maxTokens: info.max_tokens,
      maxInputTokens: info.max_input_tokens,
      baseModel: info.base_model,
      extra: withoutKeys(info, MAPPED_INFO_KEYS),
    },
  };
}

function withoutKeys(
  record: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

function arrayOrEmpty(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function recordOrEmpty(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : {};
}

/** LiteLLM's `alerting: ["slack", "webhook"]`: a channel is on when listed and its URL is set. */
function alertingOf(channels: unknown, urls: MappingInput['alertWebhooks']): GatewayConfig['alerting'] {
  const listed = Array.isArray(channels) ? channels.filter((c): c is string => typeof c === 'string') : [];
  return {
    slackWebhookUrl: listed.includes('slack') ? urls.slack : undefined,
    webhookUrl: listed.includes('webhook') ? urls.webhook : undefined,
  };
}
