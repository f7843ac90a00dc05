import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempConfig {
  path: string;
  remove(): void;
}

/** A LiteLLM-style config with one `bench` deployment on the mock; JSON strings are valid YAML scalars. */
export function writeGatewayConfig(mockUrl: string): TempConfig {
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
      '',
    ].join('\n'),
  );
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const GATEWAY_ENV_BLOCKLIST = [
  'LITELLM_MASTER_KEY',
  'DATABASE_URL',
  'REDIS_HOST',
  'REDIS_PORT',
  'REDIS_PASSWORD',
  'REDIS_URL',
];

/** The bench's environment minus anything that would turn on auth, a database or Redis. */
export function gatewayEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const name of GATEWAY_ENV_BLOCKLIST) delete env[name];
  return env;
}
