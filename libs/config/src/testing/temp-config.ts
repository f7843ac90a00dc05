import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config-error';
import { loadGatewayConfig, type LoadedGatewayConfig } from '../load-config';

const dirs: string[] = [];

/** Writes `text` to a fresh temp directory and returns the file's absolute path. */
export function writeTempConfig(text: string, name = 'config.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function removeTempConfigs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function loadYaml(
  text: string,
  env: NodeJS.ProcessEnv = {},
  argv: readonly string[] = [],
): LoadedGatewayConfig {
  return loadGatewayConfig(['--config', writeTempConfig(text), ...argv], env);
}

/** Loads `text` and returns the ConfigError it must throw. */
export function loadYamlError(text: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  return expectConfigError(() => loadYaml(text, env));
}

export function expectConfigError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** The problem lines of a ConfigError message (everything after the heading). */
export function problemLines(error: ConfigError): string[] {
  return error.message.split('\n').slice(1);
}
