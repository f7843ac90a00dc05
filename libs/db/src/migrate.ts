import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Pool } from 'pg';
import { openPGlite, pgliteMigrationFactory, postgresMigrationFactory } from './adapter-factories';
import type { DbTarget } from './db-target';
import { findPrismaDir, readMigrations, readSchema } from './prisma-files';
import { NO_FILTERS, withSchemaEngine } from './schema-engine';

export interface MigrateOptions {
  /** The folder holding schema.prisma and migrations/; found above this file by default. */
  prismaDir?: string;
}

/**
 * Applies the migrations of prisma/migrations that the database lacks and records them in
 * `_prisma_migrations`, as `prisma migrate deploy` does, through Prisma's WebAssembly schema engine.
 */
export async function applyMigrations(
  target: DbTarget,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  switch (target.kind) {
    case 'postgres': {
      const pool = new Pool({ connectionString: target.url, max: 1 });
      pool.on('error', () => undefined);
      try {
        return await applyWith(postgresMigrationFactory(pool), options);
      } finally {
        await pool.end();
      }
    }
    case 'pglite': {
      const pglite = await openPGlite(target.dataDir);
      try {
        return await applyWith(pgliteMigrationFactory(pglite), options);
      } finally {
        await pglite.close();
      }
    }
  }
}

async function applyWith(
  factory: SqlMigrationAwareDriverAdapterFactory,
  { prismaDir = findPrismaDir() }: MigrateOptions,
): Promise<{ applied: string[] }> {
  const migrationsList = readMigrations(prismaDir);
  const { appliedMigrationNames } = await withSchemaEngine(readSchema(prismaDir), factory, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
  );
  return { applied: appliedMigrationNames };
}
