import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** The local PostgreSQL (trust auth) and Redis the bench runs the gateway against. */
const POSTGRES_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432';
const REDIS_HOST = '127.0.0.1';
const REDIS_PORT = 6379;

/** A database, a queue prefix and a data folder of the run's own, dropped at the end. */
export interface BenchStores {
  databaseUrl: string;
  databaseName: string;
  redisHost: string;
  redisPort: number;
  /** BullMQ key prefix (`SWITCHYARD_QUEUE_PREFIX`). */
  queuePrefix: string;
  /** `SWITCHYARD_DATA_DIR`: unused with PostgreSQL, but the spool goes next to it. */
  dataDir: string;
  /** Drops the database (ending open sessions), deletes the prefix's Redis keys, removes the folder. */
  drop(): Promise<void>;
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${POSTGRES_SERVER_URL}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** SCAN + DEL of every key under `prefix:`; returns how many were deleted. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis({ host: REDIS_HOST, port: REDIS_PORT, lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export async function createBenchStores(): Promise<BenchStores> {
  const id = randomBytes(5).toString('hex');
  const databaseName = `switchyard_bench_${id}`;
  const queuePrefix = `switchyard-bench-${id}`;
  // Both fail fast, before any process starts, when PostgreSQL or Redis is not there.
  await deleteRedisKeys(queuePrefix).catch((error: Error) => {
    throw new Error(`Redis at ${REDIS_HOST}:${REDIS_PORT}: ${error.message}`);
  });
  await onServer(`CREATE DATABASE "${databaseName}"`).catch((error: Error) => {
    throw new Error(`PostgreSQL at ${POSTGRES_SERVER_URL}: ${error.message}`);
  });
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-data-'));
  let dropped = false;
  return {
    databaseUrl: `${POSTGRES_SERVER_URL}/${databaseName}`,
    databaseName,
    redisHost: REDIS_HOST,
    redisPort: REDIS_PORT,
    queuePrefix,
    dataDir: join(dir, 'pglite'),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const problems: string[] = [];
      await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch((error: Error) =>
        problems.push(`DROP DATABASE ${databaseName}: ${error.message}`),
      );
      await deleteRedisKeys(queuePrefix).catch((error: Error) =>
        problems.push(`deleting Redis keys ${queuePrefix}:*: ${error.message}`),
      );
      rmSync(dir, { recursive: true, force: true });
      if (problems.length > 0) throw new Error(problems.join('; '));
    },
  };
}
