import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './database-errors';
import { createPrismaClient } from './prisma-client';

describe('isDatabaseUnavailable', () => {
  it('recognises the error of a query while PostgreSQL is down', async () => {
    const prisma = createPrismaClient({
      kind: 'postgres',
      url: 'postgresql://postgres@127.0.0.1:1/switchyard',
    });
    const failure = await prisma.team.count().catch((error: unknown) => error);
    await prisma.$disconnect();
    expect(isDatabaseUnavailable(failure)).toBe(true);
  });

  it('recognises our own start-up error and a raw socket error, and nothing else', () => {
    expect(isDatabaseUnavailable(new DatabaseUnavailableError('down'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('dup'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
