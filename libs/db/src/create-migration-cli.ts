import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { diffMigrationsToSchema } from './migration-diff';
import { findPrismaDir, MIGRATION_LOCK, MIGRATION_LOCK_FILE } from './prisma-files';

/**
 * `npm run db:migrate:dev -- --name <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql,
 * the SQL from the committed migrations to schema.prisma (`prisma migrate dev --create-only`, offline).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string', short: 'n' } } });
  const name = slug(values.name ?? '');
  if (!name) {
    console.error('Usage: npm run db:migrate:dev -- --name <what_changed>');
    process.exitCode = 2;
    return;
  }
  const prismaDir = findPrismaDir();
  const sql = await diffMigrationsToSchema(prismaDir);
  if (sql === null) {
    console.log('No changes: prisma/migrations already matches prisma/schema.prisma.');
    return;
  }
  const migrationsDir = join(prismaDir, 'migrations');
  const folder = join(migrationsDir, `${timestamp(new Date())}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'migration.sql'), sql);
  const lockPath = join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!existsSync(lockPath)) writeFileSync(lockPath, MIGRATION_LOCK);
  console.log(`Wrote ${relative(process.cwd(), join(folder, 'migration.sql'))}`);
}

/** Prisma's folder prefix: the UTC time as yyyyMMddHHmmss. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
