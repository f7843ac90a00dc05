import { PGlite } from '@electric-sql/pglite';
import { pgliteMigrationFactory } from './adapter-factories';
import { readMigrations, readSchema } from './prisma-files';
import { NO_FILTERS, withSchemaEngine } from './schema-engine';

/**
 * The SQL that takes a database from the committed migrations to schema.prisma, or null when they
 * already match. The migrations are replayed on in-memory PGlite databases: no server needed.
 */
export async function diffMigrationsToSchema(prismaDir: string): Promise<string | null> {
  const schema = readSchema(prismaDir);
  const pglite = await PGlite.create();
  try {
    const { exitCode, stdout } = await withSchemaEngine(schema, pgliteMigrationFactory(pglite), (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...readMigrations(prismaDir) },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      }),
    );
    // With exitCode requested, the engine answers 2 when the diff is not empty.
    return exitCode === 2 ? (stdout ?? '') : null;
  } finally {
    await pglite.close();
  }
}
