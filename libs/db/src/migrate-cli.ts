import { resolve } from 'node:path';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_PGLITE_DATA_DIR,
  describeTarget,
  type DbTarget,
} from './db-target';
import { applyMigrations } from './migrate';
import { waitForPostgres } from './wait-for-postgres';

/** `npm run db:migrate`: migrates DATABASE_URL or, without one, the embedded PGlite folder. */
async function main(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- an entry point of its own, like `prisma migrate deploy`
  const { DATABASE_URL, SWITCHYARD_DATA_DIR } = process.env;
  // `--target <json>`: the gateway's own target, when it runs migrations in this child process.
  const given = process.argv[2] === '--target' ? (JSON.parse(process.argv[3] ?? '') as DbTarget) : undefined;
  const target: DbTarget =
    given ??
    (DATABASE_URL
      ? { kind: 'postgres', url: DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(SWITCHYARD_DATA_DIR || DEFAULT_PGLITE_DATA_DIR) });
  if (target.kind === 'postgres') await waitForPostgres(target.url, DEFAULT_CONNECT_TIMEOUT_MS);
  const started = performance.now();
  const { applied } = await applyMigrations(target);
  const took = Math.round(performance.now() - started);
  for (const name of applied) console.log(`Applied ${name}`);
  console.log(`${applied.length} migration(s) applied to ${describeTarget(target)} in ${took} ms.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
