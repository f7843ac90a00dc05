import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DbTarget } from './db-target';

/** A request waits at most this long for a pooled connection instead of hanging while Postgres is down. */
const POOL_CONNECTION_TIMEOUT_MS = 5_000;

/** The driver adapter behind the Prisma client. */
export function createAdapterFactory(target: DbTarget, poolSize: number): SqlDriverAdapterFactory {
  switch (target.kind) {
    case 'postgres':
      return new PrismaPg({
        connectionString: target.url,
        max: poolSize,
        connectionTimeoutMillis: POOL_CONNECTION_TIMEOUT_MS,
      });
    case 'pglite':
      return pgliteFactory(async () => {
        const pglite = await openPGlite(target.dataDir);
        return { pglite, dispose: () => pglite.close() };
      });
  }
}

export async function openPGlite(dataDir: string): Promise<PGlite> {
  const folder = resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  return PGlite.create(folder);
}

/** For the schema engine: migrations on an open pool; each script sent whole (see withWholeScripts). */
export function postgresMigrationFactory(pool: Pool): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg(pool);
  return {
    provider: 'postgres',
    adapterName: inner.adapterName,
    connect: async () => withWholeScripts(await inner.connect(), (script) => pool.query(script)),
    connectToShadowDb: () => Promise.reject(new Error('Migrations are diffed on an in-memory PGlite')),
  };
}

/** For the schema engine: migrations on an open PGlite that the caller closes. */
export function pgliteMigrationFactory(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return pgliteFactory(async () => ({ pglite, dispose: async () => undefined }));
}

type PGliteLease = { pglite: PGlite; dispose: () => Promise<void> };

function pgliteFactory(open: () => Promise<PGliteLease>): SqlMigrationAwareDriverAdapterFactory {
  const adapt = async ({ pglite, dispose }: PGliteLease): Promise<SqlDriverAdapter> => {
    const adapter = withWholeScripts(await new PrismaPGlite(pglite).connect(), (script) =>
      pglite.exec(script),
    );
    // The upstream dispose() leaves the PGlite open; the lease decides whether to close it.
    return Object.assign(adapter, { dispose });
  };
  return {
    provider: 'postgres',
    adapterName: 'pglite-prisma-adapter',
    connect: async () => adapt(await open()),
    connectToShadowDb: async () => {
      const shadow = await PGlite.create();
      return adapt({ pglite: shadow, dispose: () => shadow.close() });
    },
  };
}

/**
 * Sends a migration script as one multi-statement query, which Postgres runs as one implicit
 * transaction: a failing migration leaves nothing half-applied, as with Prisma's native engine.
 * The stock adapters split the script into statements (pg) or do not await it (PGlite: a failed
 * migration was then recorded as applied).
 */
function withWholeScripts(
  adapter: SqlDriverAdapter,
  run: (script: string) => Promise<unknown>,
): SqlDriverAdapter {
  return Object.assign(adapter, {
    executeScript: async (script: string) => {
      try {
        await run(script);
      } catch (error) {
        throw asDriverAdapterError(error);
      }
    },
  });
}

type PostgresErrorFields = {
  code: string;
  severity: string;
  message: string;
  detail?: string;
  column?: string;
  hint?: string;
};

function asDriverAdapterError(error: unknown): unknown {
  if (!isPostgresError(error)) return error;
  const { code, severity, message, detail, column, hint } = error;
  return new DriverAdapterError({ kind: 'postgres', code, severity, message, detail, column, hint });
}

function isPostgresError(error: unknown): error is PostgresErrorFields {
  if (typeof error !== 'object' || error === null) return false;
  const fields = error as Partial<Record<keyof PostgresErrorFields, unknown>>;
  return (
    typeof fields.code === 'string' &&
    typeof fields.severity === 'string' &&
    typeof fields.message === 'string'
  );
}
