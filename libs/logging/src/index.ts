export { LoggingModule } from './logging.module';
/** The process's logger: pino JSON lines (json_logs) or Nest's console lines, secrets scrubbed. */
export { APP_LOGGING, appLoggingFor, createAppLogging, installAppLogging } from './app-logging';
export type { AppLogging } from './app-logging';
/** One line per finished proxied request (info), one per deployment call (debug). */
export {
  ACCESS_LOG_CONTEXT,
  AccessLog,
  accessLogFields,
  accessLogMessage,
  accessLogText,
  DEPLOYMENT_CALL_CONTEXT,
} from './access-log';
export { configSecrets, isSecretSettingName } from './config-secrets';
export { pinoOptions, REDACT_PATHS, REDACTED_KEYS, scrubbingDestination } from './pino-options';
export { nestLogLevels, ScrubbingConsoleLogger } from './scrubbing-console-logger';
export { MIN_SECRET_LENGTH, REDACTED, SecretScrubber } from './secret-scrubber';
