import { ConfigError } from './config-error';
import { loadGatewayConfig } from './load-config';

/**
 * Loads the config from this process's arguments and environment; an invalid config prints
 * its message (file, field path, problem) and exits non-zero before anything starts.
 */
export function loadConfigOrExit(): ReturnType<typeof loadGatewayConfig> {
  try {
    return loadGatewayConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
