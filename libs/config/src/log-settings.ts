import { isTruthyEnvFlag, readEnv } from './env-values';

/** The logging threshold: pino's level names (Nest's `log` is `info`, `verbose` is below `debug`). */
export type LogLevelName = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** LiteLLM's `LITELLM_LOG` values (Python logging level names) and pino's own names. */
const LEVELS: Readonly<Record<string, LogLevelName>> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  WARN: 'warn',
  ERROR: 'error',
  CRITICAL: 'fatal',
  FATAL: 'fatal',
};

/** Names of variables whose values are credentials: `*_API_KEY`, `*_SECRET*`, `*_TOKEN`, `*PASSWORD*`... */
const SECRET_ENV_NAME =
  /(^|_)(KEY|TOKEN|PASS|PASSWD|CREDENTIAL|CREDENTIALS)(_|$)|SECRET|PASSWORD|PRIVATE_KEY|API_KEY/i;
/** Connection strings and webhook URLs carry credentials too. */
const SECRET_ENV_NAMES = new Set([
  'DATABASE_URL',
  'DIRECT_URL',
  'REDIS_URL',
  'SLACK_WEBHOOK_URL',
  'WEBHOOK_URL',
]);
/** Shorter values of such variables are flags or numbers, not credentials: scrubbing them would mangle logs. */
const MIN_SECRET_ENV_LENGTH = 8;

export interface LogSettings {
  /** `JSON_LOGS=True` (LiteLLM's env switch for `litellm_settings.json_logs`). */
  readonly jsonLogsFromEnv: boolean;
  readonly level: LogLevelName;
  /** Values of secret-looking environment variables (GENERIC_CLIENT_SECRET, OPENAI_API_KEY...). */
  readonly secretEnvValues: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Logging from the environment: `JSON_LOGS`, `LITELLM_LOG` (DEBUG, INFO, WARNING, ERROR, CRITICAL;
 * default INFO) and `litellm_settings.set_verbose`, which raises the level to debug whatever
 * LITELLM_LOG says.
 */
export function resolveLogSettings(env: NodeJS.ProcessEnv, setVerbose: boolean): LogSettings {
  const warnings: string[] = [];
  const named = readEnv(env, 'LITELLM_LOG');
  let level: LogLevelName = 'info';
  if (named !== undefined) {
    const known = LEVELS[named.trim().toUpperCase()];
    if (known) level = known;
    else
      warnings.push(
        `ignoring LITELLM_LOG=${JSON.stringify(named)}: expected DEBUG, INFO, WARNING, ERROR or CRITICAL`,
      );
  }
  if (setVerbose) level = 'debug';
  return {
    jsonLogsFromEnv: isTruthyEnvFlag(readEnv(env, 'JSON_LOGS')),
    level,
    secretEnvValues: secretEnvValues(env),
    warnings,
  };
}

/** The values the logs must never show, from variables named like credentials. */
export function secretEnvValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < MIN_SECRET_ENV_LENGTH) continue;
    if (name.toLowerCase().startsWith('npm_')) continue;
    if (SECRET_ENV_NAMES.has(name.toUpperCase()) || SECRET_ENV_NAME.test(name)) values.add(value);
  }
  return [...values];
}
