import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { printAdminSchema, SCHEMA_FILE } from './admin-schema';

/** `npm run graphql:schema`: rewrites the committed SDL file from the code. */
async function main(): Promise<void> {
  const path = resolve(process.cwd(), SCHEMA_FILE);
  writeFileSync(path, await printAdminSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
