import type { ResponseCacheSettings } from './cache-settings';
import type { LogLevelName } from './log-settings';
import type { RoutingPolicy } from './routing-policy';
import type { SsoSettings } from './sso-settings';

/** OpenAI-compatible servers known by prefix (LiteLLM's names), with default base URLs. */
export type OpenAiCompatibleProvider =
  | 'groq'
  | 'mistral'
  | 'deepseek'
  | 'openrouter'
  | 'together_ai'
  | 'fireworks_ai'
  | 'xai'
  | 'perplexity'
  | 'hosted_vllm'
  | 'ollama'
  | 'ollama_chat';

export type ProviderName =
  'openai' | 'azure' | 'anthropic' | 'gemini' | 'bedrock' | 'mock' | OpenAiCompatibleProvider;

/** AWS settings of a `bedrock/` deployment, from `litellm_params` or the usual `AWS_*` variables. */
export interface AwsParams {
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
  readonly sessionToken: string | undefined;
  /** `aws_region_name`, else AWS_REGION_NAME / AWS_REGION / AWS_DEFAULT_REGION, else us-west-2. */
  readonly region: string;
  /** `aws_bedrock_runtime_endpoint` (VPC / PrivateLink), else the regional endpoint. */
  readonly runtimeEndpoint: string | undefined;
}

export type ModelMode = 'chat' | 'completion' | 'embedding' | 'moderation' | (string & {});

/** One `model_list[]` entry, after `os.environ/` resolution and validation. */
export interface DeploymentConfig {
  /** The public model group name (`model_name`); may be a wildcard such as `openai/*` or `*`. */
  readonly modelName: string;
  readonly params: DeploymentParams;
  readonly info: DeploymentInfo;
}

export interface DeploymentParams {
  /** `litellm_params.model` as written, e.g. `azure/my-deployment`. */
  readonly model: string;
  readonly provider: ProviderName;
  /** The part after the provider prefix (may be `*`). */
  readonly providerModel: string;
  readonly apiBase: string | undefined;
  readonly apiKey: string | undefined;
  readonly apiVersion: string | undefined;
  readonly organization: string | undefined;
  /** Seconds. */
  readonly timeout: number | undefined;
  /** Seconds until the first chunk of a stream. */
  readonly streamTimeout: number | undefined;
  readonly maxRetries: number | undefined;
  readonly rpm: number | undefined;
  readonly tpm: number | undefined;
  readonly weight: number | undefined;
  readonly extraHeaders: Readonly<Record<string, string>>;
  /** Set for `bedrock/` deployments only. */
  readonly aws: AwsParams | undefined;
  /** Every other `litellm_params` key, kept for later features (order, tags, mock_response...). */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface DeploymentInfo {
  /** `model_info.id`, or a stable hash of the deployment's params when absent. */
  readonly id: string;
  readonly mode: ModelMode | undefined;
  readonly inputCostPerToken: number | undefined;
  readonly outputCostPerToken: number | undefined;
  readonly maxTokens: number | undefined;
  readonly maxInputTokens: number | undefined;
  readonly baseModel: string | undefined;
  /** Every other `model_info` key, echoed back by `/model/info`. */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface RedisSettings {
  readonly host: string;
  readonly port: number;
  readonly password: string | undefined;
}

/** The whole validated, frozen configuration: `config.yaml` + environment + CLI flags. */
export interface GatewayConfig {
  /** Absolute path of the config file that was loaded. */
  readonly configPath: string;
  readonly server: {
    readonly port: number;
    readonly host: string;
    readonly numWorkers: number;
    /** How long in-flight requests may finish after SIGTERM (`SWITCHYARD_SHUTDOWN_GRACE_SECONDS`, default 30). */
    readonly shutdownGraceMs: number;
    /** Largest accepted request body, bytes (`general_settings.max_request_size_mb`). */
    readonly bodyLimitBytes: number;
  };
  readonly masterKey: string | undefined;
  readonly databaseUrl: string | undefined;
  /** Undefined when neither `REDIS_HOST` nor a config value names one. */
  readonly redis: RedisSettings | undefined;
  readonly storeModelInDb: boolean;
  /** OIDC single sign-on; undefined when off (no GENERIC_CLIENT_ID with an issuer or endpoints). */
  readonly sso: SsoSettings | undefined;
  /** Folder of the embedded PGlite database used when no `DATABASE_URL` is set (`SWITCHYARD_DATA_DIR`). */
  readonly embeddedDataDir: string;
  /** Key material for encrypting stored provider credentials: `LITELLM_SALT_KEY`, else the master key. */
  readonly saltKey: string | undefined;
  /** Key prefix of the BullMQ queues (`SWITCHYARD_QUEUE_PREFIX`, default `bull`). */
  readonly queuePrefix: string;
  /** How often budget periods are checked for a reset (`SWITCHYARD_BUDGET_RESET_INTERVAL_MS`, default 30 s). */
  readonly budgetResetIntervalMs: number;
  /** Port of the worker's `/metrics` server (`WORKER_METRICS_PORT`, default 9091; 0 turns it off). */
  readonly workerMetricsPort: number;
  /** Budget alerts: `general_settings.alerting` channels, to SLACK_WEBHOOK_URL and/or WEBHOOK_URL. */
  readonly alerting: {
    readonly slackWebhookUrl: string | undefined;
    readonly webhookUrl: string | undefined;
  };
  readonly modelList: readonly DeploymentConfig[];
  /** Logging besides `litellmSettings.jsonLogs`: the level and the env secrets the logs scrub. */
  readonly logging: {
    /** `set_verbose: true` → debug, else `LITELLM_LOG`, else info. */
    readonly level: LogLevelName;
    /** Values of secret-looking environment variables (GENERIC_CLIENT_SECRET, *_API_KEY...). */
    readonly secretEnvValues: readonly string[];
  };
  readonly litellmSettings: {
    readonly dropParams: boolean;
    /** Seconds; LiteLLM's default is 6000. */
    readonly requestTimeout: number;
    readonly numRetries: number | undefined;
    /** `json_logs`, or env `JSON_LOGS=True`. */
    readonly jsonLogs: boolean;
    readonly setVerbose: boolean;
    /** Budget of each end user (the request's `user` field), USD. */
    readonly maxEndUserBudget: number | undefined;
  };
  readonly routerSettings: {
    readonly routingStrategy: string;
    readonly modelGroupAlias: Readonly<Record<string, string>>;
    /** Aliases given as `{model, hidden: true}`: routed, but not listed by `/v1/models`. */
    readonly hiddenModelGroupAliases: readonly string[];
    /** Seconds. */
    readonly timeout: number | undefined;
    readonly streamTimeout: number | undefined;
    readonly numRetries: number | undefined;
  };
  readonly routing: RoutingPolicy;
  /** The response cache (`litellm_settings.cache`); undefined when off. */
  readonly cache: ResponseCacheSettings | undefined;
  readonly healthChecks: {
    /** `general_settings.background_health_checks` */
    readonly background: boolean;
    /** Seconds between background checks (`health_check_interval`, default 300). */
    readonly intervalSeconds: number;
  };
  /** Raw sections, for the settings later issues implement. */
  readonly raw: {
    readonly generalSettings: Readonly<Record<string, unknown>>;
    readonly litellmSettings: Readonly<Record<string, unknown>>;
    readonly routerSettings: Readonly<Record<string, unknown>>;
  };
  /** Settings accepted but not implemented by this build, named as `section.key`. */
  readonly unimplementedSettings: readonly string[];
}
