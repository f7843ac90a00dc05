import { resolve } from 'node:path';
import { applyEnvironmentVariables } from './apply-environment-variables';
import { parseCliArgs } from './cli-args';
import { ConfigError } from './config-error';
import { configDocumentSchema } from './config.schema';
import { deepFreeze } from './deep-freeze';
import { parseIntSetting, readEnv } from './env-values';
import { resolveRedis, resolveServerSettings, storeModelInDbFromEnv } from './env-settings';
import type { GatewayConfig } from './gateway-config.types';
import { isRecord } from './is-record';
import { resolveLogSettings } from './log-settings';
import { describeValue } from './message-format';
import { readConfigFile } from './read-config-file';
import { resolveEnvRefs } from './resolve-env-refs';
import { semanticProblems } from './semantic-checks';
import { resolveSsoSettings } from './sso-settings';
import { toGatewayConfig } from './to-gateway-config';
import { collectUnimplementedSettings } from './unimplemented-settings';
import { configErrorMap, formatIssues } from './zod-issues';

export interface LoadedGatewayConfig {
  readonly config: GatewayConfig;
  /** Messages to log once at startup (unimplemented settings, unset env refs, ignored flags). */
  readonly warnings: string[];
}

/**
 * Loads, validates and freezes the configuration from CLI flags (`process.argv.slice(2)`), the
 * environment and the YAML file. The top-level `environment_variables` map is written into
 * `env` first, as LiteLLM does. Throws ConfigError listing every problem found.
 */
export function loadGatewayConfig(argv: readonly string[], env: NodeJS.ProcessEnv): LoadedGatewayConfig {
  const cli = parseCliArgs(argv);
  const givenPath = cli.config ?? readEnv(env, 'CONFIG_FILE_PATH');
  const configPath = resolve(process.cwd(), givenPath ?? 'config.yaml');
  const file = readConfigFile(configPath, givenPath === undefined);

  const warnings: string[] = [...file.warnings];
  const problems: string[] = [...cli.problems];
  const document = file.document ?? {};
  if (!isRecord(document)) {
    const got = describeValue(document);
    throw new ConfigError(configPath, [
      ...problems,
      `(document): expected a mapping of settings (model_list, general_settings...), got ${got}`,
    ]);
  }

  const { environment_variables: environmentVariables, ...rest } = document;
  const applied = applyEnvironmentVariables(environmentVariables, env);
  problems.push(...applied.problems);
  const resolution = resolveEnvRefs(rest, env);
  const resolved = isRecord(resolution.value) ? resolution.value : {};

  const parsed = configDocumentSchema.safeParse(resolved, {
    error: configErrorMap(resolution.origins),
  });
  if (!parsed.success) problems.push(...formatIssues(parsed.error));
  problems.push(...semanticProblems(resolved, document, env, resolution.origins));

  const server = resolveServerSettings(cli, env);
  problems.push(...server.problems);
  const router = parsed.success ? parsed.data.router_settings : undefined;
  const cacheParams = parsed.success ? parsed.data.litellm_settings?.cache_params : undefined;
  const redis = resolveRedis(env, [
    { host: router?.redis_host, port: router?.redis_port, password: router?.redis_password },
    // Only a Redis cache (the default type) names a Redis server.
    cacheParams?.type === undefined || cacheParams.type.startsWith('redis')
      ? { host: cacheParams?.host, port: cacheParams?.port, password: cacheParams?.password }
      : {},
  ]);
  problems.push(...redis.problems);
  const workerMetricsPort = parseIntSetting(
    'env WORKER_METRICS_PORT',
    readEnv(env, 'WORKER_METRICS_PORT') ?? '9091',
    0,
    65535,
  );
  if ('problem' in workerMetricsPort) problems.push(workerMetricsPort.problem);
  const general = parsed.success ? parsed.data.general_settings : undefined;
  const sso = resolveSsoSettings(
    general?.sso,
    env,
    (general?.master_key ?? readEnv(env, 'LITELLM_MASTER_KEY')) !== undefined,
  );
  problems.push(...sso.problems);
  warnings.push(...sso.warnings);

  if (!parsed.success || problems.length > 0) throw new ConfigError(configPath, problems);

  const unimplementedSettings = collectUnimplementedSettings(document);
  const logging = resolveLogSettings(env, parsed.data.litellm_settings?.set_verbose === true);
  warnings.push(...logging.warnings);
  const config = toGatewayConfig({
    configPath,
    parsed: parsed.data,
    resolved,
    raw: document,
    env,
    server: server.value,
    masterKeyFromEnv: readEnv(env, 'LITELLM_MASTER_KEY'),
    databaseUrlFromEnv: readEnv(env, 'DATABASE_URL'),
    storeModelInDbFromEnv: storeModelInDbFromEnv(env),
    embeddedDataDir: resolve(readEnv(env, 'SWITCHYARD_DATA_DIR') ?? '.switchyard/pglite'),
    saltKeyFromEnv: readEnv(env, 'LITELLM_SALT_KEY'),
    queuePrefix: readEnv(env, 'SWITCHYARD_QUEUE_PREFIX') ?? 'bull',
    alertWebhooks: { slack: readEnv(env, 'SLACK_WEBHOOK_URL'), webhook: readEnv(env, 'WEBHOOK_URL') },
    budgetResetIntervalMs: Number(readEnv(env, 'SWITCHYARD_BUDGET_RESET_INTERVAL_MS') ?? 30_000) || 30_000,
    workerMetricsPort: 'value' in workerMetricsPort ? workerMetricsPort.value : 9091,
    redis: redis.value,
    sso: sso.value,
    logging,
    unimplementedSettings,
  });

  if (unimplementedSettings.length > 0) {
    warnings.push(
      `${configPath}: ${unimplementedSettings.length} setting(s) are accepted but not implemented by this build and have no effect: ${unimplementedSettings.join(', ')}`,
    );
  }
  const missing = [...applied.missing, ...resolution.missing];
  if (missing.length > 0) {
    const listed = missing.map(({ name, path }) => `os.environ/${name} (${path})`).join(', ');
    warnings.push(
      `${configPath}: environment variables referenced but not set (treated as absent): ${listed}`,
    );
  }
  for (const flag of cli.unknownFlags) {
    warnings.push(`ignoring unsupported command-line argument ${flag}`);
  }

  return { config: deepFreeze(config), warnings };
}
