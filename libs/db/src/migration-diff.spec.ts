import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from './migration-diff';
import { findPrismaDir } from './prisma-files';

describe('prisma/migrations', () => {
  it('matches prisma/schema.prisma (after a schema change, run `npm run db:migrate:dev -- --name <change>`)', async () => {
    expect(await diffMigrationsToSchema(findPrismaDir())).toBeNull();
  });
});
