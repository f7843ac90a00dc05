export { DbModule } from './db.module';
export type { DbModuleOptions } from './db-settings';
export { PrismaService } from './prisma.service';
export { createPrismaClient } from './prisma-client';
export type { PrismaClientOptions } from './prisma-client';
export { applyMigrations } from './migrate';
export type { MigrateOptions } from './migrate';
export { waitForPostgres } from './wait-for-postgres';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_PGLITE_DATA_DIR,
  DEFAULT_POOL_SIZE,
  describeTarget,
} from './db-target';
export type { DbTarget } from './db-target';
export {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  isNotFound,
  isUniqueViolation,
} from './database-errors';
/** The generated client (PrismaClient, the Prisma namespace, model types): for repositories only. */
export * from './generated/client';
