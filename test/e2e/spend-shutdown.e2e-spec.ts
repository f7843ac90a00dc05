import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { startMockUpstream } from '../support/mock-upstream';
import { ledgerReaches } from '../support/spend-traffic';
import { startGateway } from '../support/start-gateway';

describe('SIGTERM under load', () => {
  it('finishes every open stream, flushes every spend event and exits 0', async () => {
    const upstream = await startMockUpstream();
    const db = await createFreshDatabase();
    const gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'slow',
            litellm_params: { model: 'openai/slowchunks-150', api_base: `${upstream.url}/v1` },
          },
        ],
      },
      env: { DATABASE_URL: db.url },
    });
    const pool = new Pool(gateway.url, { connections: 20 });
    try {
      const streams = Array.from({ length: 20 }, async () => {
        const res = await pool.request({
          method: 'POST',
          path: '/v1/chat/completions',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'slow',
            stream: true,
            messages: [{ role: 'user', content: 'echo: one two three four five' }],
          }),
        });
        return {
          status: res.statusCode,
          id: String(res.headers['x-litellm-call-id']),
          text: await res.body.text(),
        };
      });
      await new Promise((r) => setTimeout(r, 300));

      const exit = gateway.stop('SIGTERM');
      const answered = await Promise.all(streams);

      expect(answered.every((a) => a.status === 200 && a.text.endsWith('data: [DONE]\n\n'))).toBe(true);
      expect(await exit).toBe(0);
      const ledger = await ledgerReaches(db.url, 20, 5_000);
      expect(ledger.count).toBe(20);
      for (const a of answered) expect(ledger.ids.has(a.id)).toBe(true);
    } finally {
      await pool.close();
      await db.drop();
      await upstream.close();
    }
  });
});
