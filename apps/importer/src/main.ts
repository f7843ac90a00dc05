import 'reflect-metadata';

import { loadConfigOrExit } from '@switchyard/config';
import {
  applyMigrations,
  createPrismaClient,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DatabaseUnavailableError,
  describeTarget,
  waitForPostgres,
  type DbTarget,
} from '@switchyard/db';

import { ImportError } from './import-error';
import { formatReport } from './import-report';
import { ImportRepository } from './import.repository';
import { importLiteLlm } from './importer';
import { sourceUrlOf, USAGE } from './importer-args';
import { readLiteLlmDatabase } from './litellm-source';

/** `npm run import:litellm -- --from <url>`: LiteLLM's identities into this gateway's database. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const from = sourceUrlOf(argv);
  if (from === undefined) {
    console.error(`Missing --from.\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // The target is the gateway's own database: DATABASE_URL (or config), else embedded PGlite.
  const { config } = loadConfigOrExit();
  const target: DbTarget = config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.embeddedDataDir };

  const source = await readLiteLlmDatabase(from);
  if (target.kind === 'postgres') await waitForPostgres(target.url, DEFAULT_CONNECT_TIMEOUT_MS);
  await applyMigrations(target);
  const prisma = createPrismaClient(target, { poolSize: 2 });
  try {
    const report = await importLiteLlm(source, new ImportRepository(prisma));
    console.log(
      formatReport(report, describeTarget({ kind: 'postgres', url: from }), describeTarget(target)),
    );
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ImportError || error instanceof DatabaseUnavailableError;
  const message =
    error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error);
  console.error(`LiteLLM import failed: ${message}`);
  process.exitCode = 1;
});
