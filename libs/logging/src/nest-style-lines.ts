import { isColorAllowed } from '@nestjs/common/utils/cli-colors.util';

type Level = 'log' | 'debug';

/** Nest's ConsoleLogger timestamp format. */
const TIMESTAMP = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  day: '2-digit',
  month: '2-digit',
});

/** Nest's colours for these levels, and for the context. */
const LEVEL_COLOR: Readonly<Record<Level, string>> = { log: '\x1B[32m', debug: '\x1B[95m' };
const CONTEXT_COLOR = '\x1B[38;5;3m';
const RESET = '\x1B[39m';

/**
 * Lines in the format of Nest's ConsoleLogger (`[Nest] 123  - 11/25/2026, 10:52:31 PM     LOG
 * [Context] message`, coloured unless NO_COLOR) for lines written once per request: the console
 * logger formats a locale timestamp on every line, which costs more than the rest of the line.
 */
export class NestStyleLines {
  private readonly colors = isColorAllowed();
  private readonly pid = `[Nest] ${process.pid}  - `;
  private second = -1;
  private stamp = '';

  line(level: Level, context: string, message: string): string {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.stamp = TIMESTAMP.format(now);
    }
    const name = level.toUpperCase().padStart(7, ' ');
    if (!this.colors) return `${this.pid}${this.stamp} ${name} [${context}] ${message}\n`;
    const color = LEVEL_COLOR[level];
    return `${color}${this.pid}${RESET}${this.stamp} ${color}${name}${RESET} ${CONTEXT_COLOR}[${context}] ${RESET}${color}${message}${RESET}\n`;
  }
}
