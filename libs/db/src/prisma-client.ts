import { createAdapterFactory } from './adapter-factories';
import { DEFAULT_POOL_SIZE, type DbTarget } from './db-target';
import { PrismaClient } from './generated/client';

export interface PrismaClientOptions {
  /** Connections in the pg pool (Postgres only); LiteLLM's `database_connection_pool_limit`. */
  poolSize?: number;
}

/**
 * A Prisma client on PostgreSQL (pg pool) or on PGlite with its data in `dataDir`. The PGlite
 * database is opened on the first query or `$connect()` and closed by `$disconnect()`.
 */
export function createPrismaClient(target: DbTarget, options: PrismaClientOptions = {}): PrismaClient {
  return new PrismaClient({ adapter: createAdapterFactory(target, options.poolSize ?? DEFAULT_POOL_SIZE) });
}
