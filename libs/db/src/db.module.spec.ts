import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleLogger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { DatabaseUnavailableError } from './database-errors';
import { DbModule } from './db.module';
import type { DbTarget } from './db-target';
import type { DbModuleOptions } from './db-settings';
import { PrismaService } from './prisma.service';

class RecordingLogger extends ConsoleLogger {
  readonly lines: string[] = [];
  override log(message: unknown): void {
    this.lines.push(String(message));
  }
}

async function start(
  target: DbTarget,
  options?: DbModuleOptions,
): Promise<{ moduleRef: TestingModule; logger: RecordingLogger }> {
  const moduleRef = await Test.createTestingModule({
    imports: [DbModule.forRoot(target, options)],
  }).compile();
  const logger = new RecordingLogger();
  moduleRef.useLogger(logger);
  await moduleRef.init();
  return { moduleRef, logger };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

describe('DbModule on PostgreSQL', () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await createFreshDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('migrates at start-up, logs how many migrations it applied, and serves queries', async () => {
    const { moduleRef, logger } = await start({ kind: 'postgres', url: db.url });
    expect(logger.lines.join('\n')).toMatch(
      /^[1-9]\d* migration\(s\) applied to PostgreSQL at 127\.0\.0\.1:5432\//m,
    );
    expect(await moduleRef.get(PrismaService).team.count()).toBe(0);
    await moduleRef.close();

    const again = await start({ kind: 'postgres', url: db.url });
    expect(again.logger.lines.join('\n')).toMatch(/^0 migration\(s\) applied/m);
    await again.moduleRef.close();
  });

  it('skips the migrations when told to', async () => {
    const other = await createFreshDatabase();
    try {
      const { moduleRef, logger } = await start({ kind: 'postgres', url: other.url }, { migrate: false });
      expect(logger.lines.join('\n')).not.toMatch(/migration/);
      await expect(moduleRef.get(PrismaService).team.count()).rejects.toThrow(/teams/);
      await moduleRef.close();
    } finally {
      await other.drop();
    }
  });

  it('fails start-up after the bounded wait, naming host:port/db but never the password', async () => {
    const port = await closedPort();
    const started = Date.now();
    const url = `postgresql://gateway:s3cret-pw@127.0.0.1:${port}/switchyard`;
    const error = await start({ kind: 'postgres', url }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    const { message } = error as DatabaseUnavailableError;
    expect(message).toContain(`PostgreSQL at 127.0.0.1:${port}/switchyard is unreachable after 10000 ms`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret-pw');
    expect(elapsed).toBeGreaterThanOrEqual(9_500);
    expect(elapsed).toBeLessThan(12_000);
  });

  it('fails at once when the database does not exist', async () => {
    const started = Date.now();
    const failure = start({
      kind: 'postgres',
      url: 'postgresql://postgres@127.0.0.1:5432/switchyard_no_such_db',
    });
    await expect(failure).rejects.toThrow(
      'PostgreSQL at 127.0.0.1:5432/switchyard_no_such_db refused the connection: database "switchyard_no_such_db" does not exist',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('DbModule on PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates the folder at start-up and keeps what was written across restarts', async () => {
    const target: DbTarget = { kind: 'pglite', dataDir };
    const first = await start(target);
    expect(first.logger.lines.join('\n')).toMatch(/^[1-9]\d* migration\(s\) applied to PGlite in /m);
    await first.moduleRef.get(PrismaService).team.create({ data: { id: 'team-a' } });
    await first.moduleRef.close();

    const second = await start(target);
    expect(second.logger.lines.join('\n')).toMatch(/^0 migration\(s\) applied/m);
    expect(await second.moduleRef.get(PrismaService).team.count()).toBe(1);
    await second.moduleRef.close();
  });
});
