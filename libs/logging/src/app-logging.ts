import { Logger as NestLogger, type LoggerService } from '@nestjs/common';
import type { GatewayConfig, LogLevelName } from '@switchyard/config';
import { Logger as PinoNestLogger, PinoLogger, type Params } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';

import { configSecrets } from './config-secrets';
import { pinoOptions, scrubbingDestination } from './pino-options';
import { nestLogLevels, ScrubbingConsoleLogger } from './scrubbing-console-logger';
import { SecretScrubber } from './secret-scrubber';

/** How this process logs, built once from the config. */
export interface AppLogging {
  /** `litellm_settings.json_logs` / `JSON_LOGS`: pino JSON lines, else Nest's console format. */
  readonly json: boolean;
  readonly level: LogLevelName;
  readonly scrubber: SecretScrubber;
  /** What every `new Logger(context)` of `@nestjs/common` ends up calling. */
  readonly nestLogger: LoggerService;
  /** The root pino logger (JSON mode only). */
  readonly pino: Pino | undefined;
}

/** Injection token of the process's AppLogging. */
export const APP_LOGGING = Symbol('APP_LOGGING');

const built = new WeakMap<GatewayConfig, AppLogging>();

/** Builds the process's logging from the config (a JSON destination may be given, for tests). */
export function createAppLogging(config: GatewayConfig, destination?: DestinationStream): AppLogging {
  const json = config.litellmSettings.jsonLogs;
  const { level } = config.logging;
  const scrubber = new SecretScrubber(configSecrets(config));
  if (!json) {
    const nestLogger = new ScrubbingConsoleLogger(scrubber, { logLevels: nestLogLevels(level) });
    return { json, level, scrubber, nestLogger, pino: undefined };
  }
  const root = pino(pinoOptions(level), scrubbingDestination(scrubber, destination));
  // nestjs-pino's Logger over our root; LoggerModule is not imported, so no pino-http middleware
  // (and no per-request auto-logging) sits on the request path: the access log is written once per
  // request from its summary instead.
  const params: Params = { pinoHttp: { logger: root, autoLogging: false } };
  const nestLogger = new PinoNestLogger(new PinoLogger(params), params);
  return { json, level, scrubber, nestLogger, pino: root };
}

/** The process's logging for this config: built on first use, the same instance afterwards. */
export function appLoggingFor(config: GatewayConfig): AppLogging {
  let logging = built.get(config);
  if (!logging) {
    logging = createAppLogging(config);
    built.set(config, logging);
  }
  return logging;
}

/**
 * Routes every `@nestjs/common` Logger of the process through the configured logger (call it first
 * in main, and pass the returned `nestLogger` as NestFactory's `logger`).
 */
export function installAppLogging(config: GatewayConfig): AppLogging {
  const logging = appLoggingFor(config);
  NestLogger.overrideLogger(logging.nestLogger);
  return logging;
}
