import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const SERVER_URL = 'postgresql://postgres@127.0.0.1:5432';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** An empty database of its own on the local PostgreSQL (trust auth), for one test file. */
export async function createFreshDatabase(): Promise<FreshDatabase> {
  const name = `switchyard_test_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE "${name}"`);
  return {
    url: `${SERVER_URL}/${name}`,
    // WITH (FORCE) ends sessions a test left open (a pool not yet closed) instead of failing.
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${SERVER_URL}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
