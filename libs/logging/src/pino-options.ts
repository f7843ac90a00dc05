import type { LogLevelName } from '@switchyard/config';
import pino, { type DestinationStream, type Logger, type LogFn, type LoggerOptions } from 'pino';

import { REDACTED, type SecretScrubber } from './secret-scrubber';

/** Header and field names whose values pino replaces wherever a logged object carries them. */
export const REDACTED_KEYS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'api-key',
  'x-api-key',
  'x-goog-api-key',
  'cookie',
  'set-cookie',
  'apiKey',
  'api_key',
  'masterKey',
  'master_key',
  'saltKey',
  'secretAccessKey',
  'aws_secret_access_key',
  'sessionToken',
  'aws_session_token',
  'password',
  'client_secret',
];

function member(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

/**
 * Where logged objects carry headers and credentials. Explicit paths only: pino's wildcard paths
 * (`*.authorization`) cost ~50 µs a line; the scrubber catches credential-named fields at any depth.
 */
const REDACT_CONTAINERS = [
  '',
  'headers',
  'req.headers',
  'request.headers',
  'res.headers',
  'response.headers',
  'err.headers',
  'err.request.headers',
  'err.response.headers',
  'params',
  'litellm_params',
];

/** `authorization`, `headers.authorization`, `req.headers.authorization`, `req.headers["x-api-key"]`... */
export const REDACT_PATHS: readonly string[] = REDACT_CONTAINERS.flatMap((container) =>
  REDACTED_KEYS.map((key) => {
    const path = member(key);
    if (container) return `${container}${path}`;
    return path.startsWith('.') ? path.slice(1) : path;
  }),
);

/**
 * The JSON logs' pino options: `level` as a label (`"info"`), ISO `time`, `msg`, and the redact
 * paths above. `context` is added by nestjs-pino's Logger (Nest's logger context).
 */
export function pinoOptions(level: LogLevelName): LoggerOptions {
  return {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    hooks: { logMethod: alwaysWithMessage },
  };
}

/**
 * Every line has a `msg`: a call with an object only (Nest's exception handlers, `logger.error(error)`)
 * gets its error's message, or an empty one.
 */
function alwaysWithMessage(this: Logger, args: Parameters<LogFn>, method: LogFn): void {
  const [first] = args;
  if (args.length === 1 && typeof first === 'object' && first !== null) {
    const err = first instanceof Error ? first : (first as { err?: unknown }).err;
    return method.call(this, first, err instanceof Error ? err.message : '');
  }
  return method.apply(this, args);
}

/**
 * Where the JSON lines go: each serialized line passes the scrubber (message, stack, any field),
 * then stdout through pino's asynchronous destination (lines written while a write is in flight go
 * out together; pino flushes what is left synchronously when the process exits).
 */
export function scrubbingDestination(
  scrubber: SecretScrubber,
  out: DestinationStream = pino.destination({ dest: 1, sync: false }),
): DestinationStream {
  return { write: (line: string) => out.write(scrubber.scrub(line)) };
}
