import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { openPGlite } from './adapter-factories';
import type { DbTarget } from './db-target';
import { applyMigrations } from './migrate';
import { findPrismaDir, readMigrations } from './prisma-files';

const committed = readMigrations(findPrismaDir()).migrationDirectories.map((folder) => folder.path);

async function queryPostgres(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of prisma/ with one more migration that fails half-way. */
function prismaDirWithFailingMigration(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-prisma-'));
  cpSync(findPrismaDir(), dir, { recursive: true });
  const failing = join(dir, 'migrations', '99990101000000_fails');
  mkdirSync(failing);
  writeFileSync(
    join(failing, 'migration.sql'),
    'CREATE TABLE half_done (id INT);\nSELECT * FROM no_such_table;\n',
  );
  return dir;
}

const failingPrismaDir = prismaDirWithFailingMigration();
afterAll(() => rmSync(failingPrismaDir, { recursive: true, force: true }));

describe('applyMigrations on PostgreSQL', () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await createFreshDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('applies every committed migration once, then none', async () => {
    const target: DbTarget = { kind: 'postgres', url: db.url };
    expect(await applyMigrations(target)).toEqual({ applied: committed });
    expect(await applyMigrations(target)).toEqual({ applied: [] });
    const rows = await queryPostgres(
      db.url,
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1',
    );
    expect(rows).toEqual(committed.map((migration_name) => ({ migration_name })));
  });

  it('applies each migration once when replicas start together', async () => {
    const other = await createFreshDatabase();
    try {
      const target: DbTarget = { kind: 'postgres', url: other.url };
      const runs = await Promise.all([applyMigrations(target), applyMigrations(target)]);
      expect(runs.flatMap((run) => run.applied).sort()).toEqual(committed);
    } finally {
      await other.drop();
    }
  });

  it('leaves nothing of a failing migration behind and reports the SQL error', async () => {
    const other = await createFreshDatabase();
    try {
      const run = applyMigrations({ kind: 'postgres', url: other.url }, { prismaDir: failingPrismaDir });
      await expect(run).rejects.toThrow(/no_such_table/);
      expect(await queryPostgres(other.url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    } finally {
      await other.drop();
    }
  });
});

describe('applyMigrations on PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('applies every committed migration once, then none', async () => {
    const target: DbTarget = { kind: 'pglite', dataDir };
    expect(await applyMigrations(target)).toEqual({ applied: committed });
    expect(await applyMigrations(target)).toEqual({ applied: [] });
  });

  it('leaves nothing of a failing migration behind and reports the SQL error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'switchyard-pglite-'));
    try {
      const run = applyMigrations({ kind: 'pglite', dataDir: folder }, { prismaDir: failingPrismaDir });
      await expect(run).rejects.toThrow(/no_such_table/);
      const pglite = await openPGlite(folder);
      const { rows } = await pglite.query("SELECT to_regclass('half_done') AS t");
      await pglite.close();
      expect(rows).toEqual([{ t: null }]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
