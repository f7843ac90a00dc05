/** Where the data lives: a PostgreSQL server, or an embedded PGlite folder. */
export type DbTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/** The embedded database's folder, relative to the working directory, when no DATABASE_URL is set. */
export const DEFAULT_PGLITE_DATA_DIR = '.switchyard/pglite';

/** The pool size LiteLLM uses by default (`database_connection_pool_limit`). */
export const DEFAULT_POOL_SIZE = 10;

/** How long start-up waits for PostgreSQL to answer before giving up. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** `host:port/database` for messages: never the user's password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

export function describeTarget(target: DbTarget): string {
  return target.kind === 'postgres'
    ? `PostgreSQL at ${describePostgresUrl(target.url)}`
    : `PGlite in ${target.dataDir}`;
}
