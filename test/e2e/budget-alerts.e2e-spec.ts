import { createServer } from 'node:http';

import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient } from '../support/management-client';
import { startMockUpstream } from '../support/mock-upstream';
import { chatOnce } from '../support/spend-traffic';
import { startGateway } from '../support/start-gateway';

const MASTER = 'sk-master-alerts-e2e';

async function startWebhookReceiver() {
  const received: Array<{ path: string; body: Record<string, unknown> }> = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(data) as Record<string, unknown> });
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('budget alerts', () => {
  it('sends one soft-budget and one budget alert per crossing to Slack and the generic webhook', async () => {
    const upstream = await startMockUpstream();
    const hooks = await startWebhookReceiver();
    const db = await createFreshDatabase();
    const gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` },
          },
        ],
        general_settings: { alerting: ['slack', 'webhook'] },
      },
      env: {
        LITELLM_MASTER_KEY: MASTER,
        DATABASE_URL: db.url,
        SLACK_WEBHOOK_URL: `${hooks.url}/slack`,
        WEBHOOK_URL: `${hooks.url}/hook`,
      },
    });
    const pool = new Pool(gateway.url);
    try {
      const cost = (await chatOnce(pool, MASTER, 'gpt-4o')).cost;
      const key = (
        await managementClient(gateway.url, MASTER).post('/key/generate', {
          key_alias: 'alerted',
          soft_budget: cost * 1.5,
          max_budget: cost * 3,
        })
      ).body.key as string;

      for (let i = 0; i < 5; i++) await chatOnce(pool, key, 'gpt-4o');
      const deadline = Date.now() + 5000;
      while (hooks.received.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500));

      const slack = hooks.received.filter((h) => h.path === '/slack').map((h) => h.body.text as string);
      const events = hooks.received.filter((h) => h.path === '/hook').map((h) => h.body);
      expect(slack).toHaveLength(2);
      expect(slack.some((text) => text.startsWith('Soft Budget Crossed: key alerted'))).toBe(true);
      expect(slack.some((text) => text.startsWith('Budget Crossed: key alerted'))).toBe(true);
      expect(events.map((e) => e.event).sort()).toEqual(['budget_crossed', 'soft_budget_crossed']);
      expect(events[0]).toMatchObject({ event_group: 'key', key_alias: 'alerted' });
      expect(JSON.stringify(events)).not.toContain(key);
    } finally {
      await pool.close();
      await gateway.stop();
      await db.drop();
      await hooks.close();
      await upstream.close();
    }
  });
});
