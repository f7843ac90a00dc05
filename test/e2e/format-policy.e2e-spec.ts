import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { createFreshDatabase } from '../support/fresh-database';
import { managementClient, type ManagementClient } from '../support/management-client';
import { startMockRealtime } from '../support/mock-realtime';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { query } from '../support/spend-traffic';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-policy-e2e';
const PRICES = { input_cost_per_token: 1e-3, output_cost_per_token: 1e-3 };

/** Opens a realtime session; resolves with the HTTP status of a refusal, or 101 when it opened. */
function realtimeStatus(url: string, key: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${key}` } });
    socket.on('open', () => {
      socket.close(1000);
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    socket.on('error', () => undefined);
  });
}

/** One realtime exchange: opens, asks for a response, waits for response.done, closes. */
async function realtimeResponse(url: string, key: string): Promise<void> {
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${key}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const done = new Promise<void>((resolve) =>
    socket.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'response.done') resolve();
    }),
  );
  socket.send(JSON.stringify({ type: 'response.create' }));
  await done;
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.close(1000);
  await closed;
}

describe('one policy on every route: chat, /v1/messages, /v1/responses and realtime', () => {
  let upstream: MockUpstream;
  let realtime: Awaited<ReturnType<typeof startMockRealtime>>;
  let db: Awaited<ReturnType<typeof createFreshDatabase>>;
  let gateway: GatewayProcess;
  let admin: ManagementClient;
  let realtimeUrl: string;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    realtime = await startMockRealtime('sk-up-rt');
    db = await createFreshDatabase();
    gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'gpt',
            litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` },
            model_info: PRICES,
          },
          {
            model_name: 'voice',
            litellm_params: { model: 'openai/gpt-realtime', api_base: realtime.url, api_key: 'sk-up-rt' },
            model_info: PRICES,
          },
          {
            model_name: 'other',
            litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1` },
          },
        ],
      },
      env: { LITELLM_MASTER_KEY: MASTER, DATABASE_URL: db.url },
    });
    admin = managementClient(gateway.url, MASTER);
    realtimeUrl = `${gateway.url.replace('http', 'ws')}/v1/realtime`;
  });

  afterAll(async () => {
    await gateway?.stop();
    await db?.drop();
    await upstream?.close();
    await realtime?.close();
  });

  it("applies a key's model allow-list to every route", async () => {
    const key = (await admin.post('/key/generate', { models: ['other'] })).body.key as string;
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: key, maxRetries: 0 });
    const refusals = await Promise.all([
      openai.chat.completions
        .create({ model: 'gpt', messages: [{ role: 'user', content: 'x' }] })
        .catch((e) => e),
      anthropic.messages
        .create({ model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
        .catch((e) => e),
      openai.responses.create({ model: 'gpt', input: 'x' }).catch((e) => e),
    ]);
    for (const refusal of refusals) expect(refusal).toMatchObject({ status: 403 });
    expect(await realtimeStatus(`${realtimeUrl}?model=voice`, key)).toBe(403);
    // The allowed model still works on each HTTP route.
    await expect(
      anthropic.messages.create({
        model: 'other',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).resolves.toMatchObject({ type: 'message' });
  });

  it('charges every route to the key, records it in the ledger, and refuses every route once the budget is spent', async () => {
    const key = (await admin.post('/key/generate', { key_alias: 'budgeted', max_budget: 0.5 })).body
      .key as string;
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: key, maxRetries: 0 });

    await anthropic.messages.create({
      model: 'gpt',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'echo: one' }],
    });
    await openai.responses.create({ model: 'gpt', input: 'echo: two' });
    await realtimeResponse(`${realtimeUrl}?model=voice`, key);

    await expect
      .poll(
        async () =>
          query<{ call_type: string; spend: number }>(
            db.url,
            "SELECT call_type, spend FROM spend_logs WHERE key_alias = 'budgeted' ORDER BY call_type",
          ),
        { timeout: 10_000 },
      )
      .toHaveLength(3);
    const logged = await query<{ call_type: string; spend: number }>(
      db.url,
      "SELECT call_type, spend FROM spend_logs WHERE key_alias = 'budgeted' ORDER BY call_type",
    );
    expect(logged.map((row) => row.call_type)).toEqual(['messages', 'realtime', 'responses']);
    for (const row of logged) expect(row.spend).toBeGreaterThan(0);
    // The realtime session alone (20 input + 5 output tokens at 1e-3) costs 0.025.
    expect(logged.find((row) => row.call_type === 'realtime')?.spend).toBeCloseTo(0.025, 10);

    // Spend past the budget on chat, then every route refuses.
    for (let i = 0; i < 60; i++) {
      const spent = await openai.chat.completions
        .create({ model: 'gpt', messages: [{ role: 'user', content: 'a long enough prompt to cost money' }] })
        .catch((e: unknown) => e);
      if (spent instanceof Error) break;
    }
    const refused = await Promise.all([
      openai.chat.completions
        .create({ model: 'gpt', messages: [{ role: 'user', content: 'x' }] })
        .catch((e) => e),
      anthropic.messages
        .create({ model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
        .catch((e) => e),
      openai.responses.create({ model: 'gpt', input: 'x' }).catch((e) => e),
    ]);
    for (const refusal of refused) {
      expect(refusal).toMatchObject({ status: 429 });
      expect(String((refusal as Error).message)).toMatch(/budget/i);
    }
    expect(await realtimeStatus(`${realtimeUrl}?model=voice`, key)).toBe(429);
  });
});
