import 'reflect-metadata';

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { printAdminSchema, SCHEMA_FILE } from '../../apps/gateway/src/graphql/admin-schema';

describe('the GraphQL schema file', () => {
  it('is what the code builds, so that every API change shows up in review', async () => {
    const committed = readFileSync(resolve(__dirname, '../..', SCHEMA_FILE), 'utf8');
    const built = await printAdminSchema();
    expect(
      built === committed,
      `${SCHEMA_FILE} differs from the schema the resolvers build: run \`npm run graphql:schema\` and review the change`,
    ).toBe(true);
    // No type has a secret-bearing field.
    expect(built).not.toMatch(
      /^\s+(hash|token|keyHash|apiKey|api_key|password|secret|clientSecret)\s*[:(]/im,
    );
  });
});
