import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

import { RESOLVERS } from './resolvers';

/** Where the reviewed copy of the schema lives (relative to the repository root). */
export const SCHEMA_FILE = 'apps/gateway/src/graphql/schema.graphql';

/** The admin API's schema in SDL, sorted, built from the resolvers without a server or database. */
export async function printAdminSchema(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}
