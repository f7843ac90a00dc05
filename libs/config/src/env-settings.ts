import type { CliArgs } from './cli-args';
import { isTruthyEnvFlag, parseIntSetting, readEnv } from './env-values';
import type { GatewayConfig, RedisSettings } from './gateway-config.types';

const DEFAULT_PORT = 4000;
const DEFAULT_HOST = '0.0.0.0';
const DEFAULT_REDIS_PORT = 6379;
const DEFAULT_SHUTDOWN_GRACE_SECONDS = 30;

interface Resolved<T> {
  readonly value: T;
  readonly problems: readonly string[];
}

/** Port, host, worker count (CLI flag, else env var, else LiteLLM's default) and the shutdown grace period. */
export function resolveServerSettings(
  cli: CliArgs,
  env: NodeJS.ProcessEnv,
): Resolved<Omit<GatewayConfig['server'], 'bodyLimitBytes'>> {
  const problems: string[] = [];
  const intFromEnv = (name: string, fallback: number, min: number, max: number): number => {
    const text = readEnv(env, name);
    if (text === undefined) return fallback;
    const parsed = parseIntSetting(`env ${name}`, text, min, max);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      return fallback;
    }
    return parsed.value;
  };
  const port = cli.port ?? intFromEnv('PORT', DEFAULT_PORT, 0, 65535);
  const numWorkers = cli.numWorkers ?? intFromEnv('NUM_WORKERS', 1, 1, 1024);
  const host = cli.host ?? readEnv(env, 'HOST') ?? DEFAULT_HOST;
  const shutdownGraceMs =
    intFromEnv('SWITCHYARD_SHUTDOWN_GRACE_SECONDS', DEFAULT_SHUTDOWN_GRACE_SECONDS, 0, 3600) * 1000;
  return { value: { port, host, numWorkers, shutdownGraceMs }, problems };
}

interface RedisSource {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly password?: string | undefined;
}

/**
 * Redis connection from REDIS_HOST/REDIS_PORT/REDIS_PASSWORD, else router_settings.redis_*, else
 * litellm_settings.cache_params. The whole group comes from the first source naming a host.
 */
export function resolveRedis(
  env: NodeJS.ProcessEnv,
  configSources: readonly RedisSource[],
): Resolved<RedisSettings | undefined> {
  const envHost = readEnv(env, 'REDIS_HOST');
  if (envHost !== undefined) {
    const portText = readEnv(env, 'REDIS_PORT');
    const parsed =
      portText === undefined
        ? { value: DEFAULT_REDIS_PORT }
        : parseIntSetting('env REDIS_PORT', portText, 1, 65535);
    if ('problem' in parsed) return { value: undefined, problems: [parsed.problem] };
    return {
      value: { host: envHost, port: parsed.value, password: readEnv(env, 'REDIS_PASSWORD') },
      problems: [],
    };
  }
  for (const source of configSources) {
    if (source.host === undefined) continue;
    return {
      value: {
        host: source.host,
        port: source.port ?? DEFAULT_REDIS_PORT,
        password: source.password,
      },
      problems: [],
    };
  }
  return { value: undefined, problems: [] };
}

export function storeModelInDbFromEnv(env: NodeJS.ProcessEnv): boolean {
  return isTruthyEnvFlag(readEnv(env, 'STORE_MODEL_IN_DB'));
}
