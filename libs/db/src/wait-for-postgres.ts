import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DatabaseUnavailableError } from './database-errors';
import { describePostgresUrl } from './db-target';

const RETRY_DELAY_MS = 250;
/** Errors worth waiting out: the server is starting or full. Others (bad password, no such database) are final. */
const TRANSIENT_SQLSTATES = new Set(['57P03', '53300']);

/**
 * Returns once PostgreSQL answers `SELECT 1`; retries connection failures until `timeoutMs`, then
 * throws a DatabaseUnavailableError naming host:port/database and the last cause, never the password.
 */
export async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (let remaining = timeoutMs; remaining > 0; remaining = deadline - Date.now()) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: Math.max(1, remaining) });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      if (isFinal(error)) {
        throw unavailable(url, `refused the connection: ${reason(error, url)}`, error);
      }
    }
    await sleep(Math.min(RETRY_DELAY_MS, Math.max(0, deadline - Date.now())));
  }
  throw unavailable(url, `is unreachable after ${timeoutMs} ms: ${reason(lastError, url)}`, lastError);
}

function unavailable(url: string, what: string, cause: unknown): DatabaseUnavailableError {
  return new DatabaseUnavailableError(`PostgreSQL at ${describePostgresUrl(url)} ${what}`, { cause });
}

function isFinal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !TRANSIENT_SQLSTATES.has(code);
}

function reason(error: unknown, url: string): string {
  const first = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const code = (first as { code?: unknown } | null)?.code;
  const message = first instanceof Error ? first.message : String(first);
  const text = message || (typeof code === 'string' ? code : 'no answer');
  return redactPassword(text, url);
}

function redactPassword(text: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return text;
  }
  return password ? text.split(password).join('***') : text;
}
