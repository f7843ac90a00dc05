import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { isNotFound, isUniqueViolation } from './database-errors';
import type { DbTarget } from './db-target';
import type { PrismaClient } from './generated/client';
import { applyMigrations } from './migrate';
import { createPrismaClient } from './prisma-client';

async function insertTeamWithKey(prisma: PrismaClient): Promise<void> {
  await prisma.team.create({ data: { id: 'team-a', alias: 'Team A', models: ['gpt-4o'] } });
  await prisma.key.create({
    data: { hash: 'f'.repeat(64), keyName: 'sk-...abcd', teamId: 'team-a', metadata: { owner: 'ci' } },
  });
}

async function expectTeamWithKey(prisma: PrismaClient): Promise<void> {
  const team = await prisma.team.findUniqueOrThrow({ where: { id: 'team-a' }, include: { keys: true } });
  expect(team).toMatchObject({ alias: 'Team A', models: ['gpt-4o'], spend: 0, blocked: false });
  expect(team.keys).toHaveLength(1);
  expect(team.keys[0]).toMatchObject({
    hash: 'f'.repeat(64),
    keyName: 'sk-...abcd',
    metadata: { owner: 'ci' },
  });
}

function describeClientOn(
  name: string,
  setUp: () => Promise<{ target: DbTarget; tearDown(): Promise<void> }>,
) {
  describe(`createPrismaClient on ${name}`, () => {
    let target: DbTarget;
    let tearDown: () => Promise<void>;
    let prisma: PrismaClient;
    beforeAll(async () => {
      ({ target, tearDown } = await setUp());
      await applyMigrations(target);
      prisma = createPrismaClient(target);
    });
    afterAll(async () => {
      await prisma.$disconnect();
      await tearDown();
    });

    it('writes and reads a team with its key', async () => {
      await insertTeamWithKey(prisma);
      await expectTeamWithKey(prisma);
    });

    it('reports a duplicate as a unique violation and a missing row as not found', async () => {
      const duplicate = prisma.team.create({ data: { id: 'team-b', alias: 'Team A' } });
      await expect(duplicate).rejects.toSatisfy(isUniqueViolation);
      const missing = prisma.team.update({ where: { id: 'no-such-team' }, data: { blocked: true } });
      await expect(missing).rejects.toSatisfy(isNotFound);
    });
  });
}

describeClientOn('PostgreSQL', async () => {
  const db: FreshDatabase = await createFreshDatabase();
  return { target: { kind: 'postgres', url: db.url }, tearDown: () => db.drop() };
});

describeClientOn('PGlite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-pglite-'));
  return {
    target: { kind: 'pglite', dataDir },
    tearDown: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

describe('PGlite persistence', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the data after the client disconnects and a new one opens the folder', async () => {
    const target: DbTarget = { kind: 'pglite', dataDir };
    await applyMigrations(target);
    const first = createPrismaClient(target);
    await insertTeamWithKey(first);
    await first.$disconnect();

    const second = createPrismaClient(target);
    try {
      await expectTeamWithKey(second);
    } finally {
      await second.$disconnect();
    }
  });
});
