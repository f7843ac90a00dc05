import { ConsoleLogger, type ConsoleLoggerOptions, type LogLevel } from '@nestjs/common';
import type { LogLevelName } from '@switchyard/config';

import type { SecretScrubber } from './secret-scrubber';

const NEST_LEVELS: Readonly<Record<LogLevelName, LogLevel[]>> = {
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
  fatal: ['fatal'],
};

/** Nest's levels at or above a pino level (`verbose` is below debug, as nestjs-pino maps it to trace). */
export function nestLogLevels(level: LogLevelName): LogLevel[] {
  return [...NEST_LEVELS[level]];
}

/**
 * The human-readable logs (json_logs off): Nest's own ConsoleLogger, lines unchanged, except that
 * every message and stack trace passes the secret scrubber first.
 */
export class ScrubbingConsoleLogger extends ConsoleLogger {
  constructor(
    private readonly scrubber: SecretScrubber,
    options: ConsoleLoggerOptions,
  ) {
    super(options);
  }

  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    return this.scrubber.scrub(String(super.stringifyMessage(message, logLevel)));
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack ? this.scrubber.scrub(stack) : stack);
  }
}
