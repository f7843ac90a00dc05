import type { DbTarget } from './db-target';

export interface DbModuleOptions {
  /** Apply pending migrations at start-up (default true). */
  migrate?: boolean;
  /** Connections in the pg pool (Postgres only), default 10. */
  poolSize?: number;
  /** How long start-up waits for PostgreSQL to answer, default 10 s. */
  connectTimeoutMs?: number;
}

export type DbSettings = { target: DbTarget } & Required<DbModuleOptions>;

export const DB_SETTINGS = Symbol('DB_SETTINGS');
