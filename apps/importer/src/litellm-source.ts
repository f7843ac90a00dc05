import { describeTarget } from '@switchyard/db';
import { Client } from 'pg';

import { ImportError } from './import-error';
import type { LiteLlmRow } from './litellm-row';

/** LiteLLM's tables (Prisma model names, which are also the quoted table names). */
export const LITELLM_TABLES = {
  budgets: 'LiteLLM_BudgetTable',
  organizations: 'LiteLLM_OrganizationTable',
  users: 'LiteLLM_UserTable',
  teams: 'LiteLLM_TeamTable',
  teamMemberships: 'LiteLLM_TeamMembership',
  organizationMemberships: 'LiteLLM_OrganizationMembership',
  keys: 'LiteLLM_VerificationToken',
} as const;

type Entity = keyof typeof LITELLM_TABLES;

/** Without these the database is not LiteLLM's; the others are absent from older releases. */
const REQUIRED: readonly Entity[] = ['users', 'teams', 'keys'];

export type LiteLlmSnapshot = Record<Entity, LiteLlmRow[]> & {
  /** Optional tables the source lacks (an older LiteLLM release). */
  readonly absentTables: string[];
};

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Reads every row the import needs inside one READ ONLY, REPEATABLE READ transaction: the
 * server itself refuses any write, and all tables are read from the same snapshot.
 */
export async function readLiteLlmDatabase(url: string): Promise<LiteLlmSnapshot> {
  const where = describeTarget({ kind: 'postgres', url });
  let client: Client;
  try {
    client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  } catch (error) {
    throw new ImportError(`Cannot use --from: ${reasonOf(error, url)}`);
  }
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new ImportError(`Cannot reach the LiteLLM database (${where}): ${reasonOf(error, url)}`);
  }
  try {
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const present = await presentTables(client);
    const missing = REQUIRED.map((entity) => LITELLM_TABLES[entity]).filter((table) => !present.has(table));
    if (missing.length > 0) {
      throw new ImportError(
        `${where} does not look like a LiteLLM database: table(s) ${missing.map((t) => `"${t}"`).join(', ')} not found. ` +
          `Pass --from the database LiteLLM's DATABASE_URL points to (after LiteLLM has created its schema).`,
      );
    }
    const snapshot: Partial<Record<Entity, LiteLlmRow[]>> = {};
    for (const [entity, table] of Object.entries(LITELLM_TABLES) as Array<[Entity, string]>) {
      snapshot[entity] = present.has(table) ? await rowsOf(client, table) : [];
    }
    const absentTables = Object.values(LITELLM_TABLES).filter((table) => !present.has(table));
    return { ...(snapshot as Record<Entity, LiteLlmRow[]>), absentTables };
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`Reading the LiteLLM database (${where}) failed: ${reasonOf(error, url)}`);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

async function presentTables(client: Client): Promise<Set<string>> {
  // to_regclass follows the search_path, as LiteLLM's Prisma client does.
  const { rows } = await client.query<{ name: string }>(
    'SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(quote_ident(name)) IS NOT NULL',
    [Object.values(LITELLM_TABLES)],
  );
  return new Set(rows.map((row) => row.name));
}

async function rowsOf(client: Client, table: string): Promise<LiteLlmRow[]> {
  // to_jsonb keeps whatever columns this LiteLLM release has; table names come from LITELLM_TABLES only.
  const { rows } = await client.query<{ row: LiteLlmRow }>(`SELECT to_jsonb(t) AS row FROM "${table}" t`);
  return rows.map((r) => r.row);
}

function reasonOf(error: unknown, url: string): string {
  const first = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const code = (first as { code?: unknown } | null)?.code;
  const message = first instanceof Error ? first.message : String(first);
  const reason = message || (typeof code === 'string' ? code : 'no answer');
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // not a URL: nothing to redact
  }
  return password ? reason.split(password).join('***') : reason;
}
