import { Client } from 'pg';
import { type Pool } from 'undici';

export interface Answered {
  readonly requestId: string;
  readonly status: number;
  readonly cost: number;
}

/** Sends one chat request and reads its call id and cost (header, or trailer on a stream). */
export async function chatOnce(
  pool: Pool,
  key: string,
  model: string,
  stream = false,
  headers: Record<string, string> = {},
): Promise<Answered> {
  const res = await pool.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'count my tokens please' }], stream }),
  });
  await res.body.text();
  const cost = res.headers['x-litellm-response-cost'] ?? res.trailers['x-litellm-response-cost'];
  return {
    requestId: String(res.headers['x-litellm-call-id']),
    status: res.statusCode,
    cost: Number(cost ?? 0),
  };
}

export interface Ledger {
  readonly count: number;
  readonly total: number;
  readonly ids: Set<string>;
}

export async function readLedger(databaseUrl: string): Promise<Ledger> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ request_id: string; spend: number }>(
      'SELECT request_id, spend FROM spend_logs',
    );
    return {
      count: rows.rowCount ?? 0,
      total: rows.rows.reduce((sum, row) => sum + row.spend, 0),
      ids: new Set(rows.rows.map((row) => row.request_id)),
    };
  } finally {
    await client.end();
  }
}

/** Waits until the ledger holds `count` rows (or fails after `timeoutMs`). */
export async function ledgerReaches(databaseUrl: string, count: number, timeoutMs = 30_000): Promise<Ledger> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ledger = await readLedger(databaseUrl);
    if (ledger.count >= count) return ledger;
    if (Date.now() > deadline) throw new Error(`ledger has ${ledger.count} rows, expected ${count}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function query<T extends object>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
