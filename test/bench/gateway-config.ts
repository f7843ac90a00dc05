import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchStores } from './bench-stores';

export interface TempConfig {
  path: string;
  remove(): void;
}

export interface GatewayConfigOptions {
  /** false writes `general_settings: { disable_spend_logs: true }`. */
  spendLogs: boolean;
}

/** A LiteLLM-style config with one `bench` deployment on the mock; JSON strings are valid YAML scalars. */
export function writeGatewayConfig(mockUrl: string, options: GatewayConfigOptions): TempConfig {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const path = join(dir, 'config.yaml');
  writeFileSync(
    path,
    [
      'model_list:',
      '  - model_name: bench',
      '    litellm_params:',
      '      model: openai/bench',
      `      api_base: ${JSON.stringify(`${mockUrl}/v1`)}`,
      '      api_key: sk-mock',
      ...(options.spendLogs ? [] : ['general_settings:', '  disable_spend_logs: true']),
      '',
    ].join('\n'),
  );
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const INHERITED_ENV_BLOCKLIST = [
  'LITELLM_MASTER_KEY',
  'DATABASE_URL',
  'REDIS_HOST',
  'REDIS_PORT',
  'REDIS_PASSWORD',
  'REDIS_URL',
  'SWITCHYARD_QUEUE_PREFIX',
  'SWITCHYARD_DATA_DIR',
];

/**
 * The bench's environment minus anything inherited that would turn on auth or point at another
 * database or Redis; with `stores`, the run's own PostgreSQL database, Redis queue prefix and data
 * folder (the production shape: spend events go through the queue).
 */
export function gatewayEnv(stores?: BenchStores): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const name of INHERITED_ENV_BLOCKLIST) delete env[name];
  if (stores) {
    env['DATABASE_URL'] = stores.databaseUrl;
    env['REDIS_HOST'] = stores.redisHost;
    env['REDIS_PORT'] = String(stores.redisPort);
    env['SWITCHYARD_QUEUE_PREFIX'] = stores.queuePrefix;
    env['SWITCHYARD_DATA_DIR'] = stores.dataDir;
  }
  return env;
}
