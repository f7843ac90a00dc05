import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { startMockRealtime } from '../support/mock-realtime';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER = 'sk-master-responses-e2e';

function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

describe('/v1/responses and /v1/realtime (openai SDK)', () => {
  let upstream: MockUpstream;
  let realtime: Awaited<ReturnType<typeof startMockRealtime>>;
  let gateway: GatewayProcess;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    realtime = await startMockRealtime('sk-upstream-realtime');
    gateway = await startGateway({
      config: {
        model_list: [
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1` } },
          {
            model_name: 'gpt-azure',
            litellm_params: {
              model: 'azure/my-gpt',
              api_base: upstream.url,
              api_version: '2025-04-01-preview',
              api_key: 'azure-key',
            },
          },
          {
            model_name: 'voice',
            litellm_params: {
              model: 'openai/gpt-realtime',
              api_base: realtime.url,
              api_key: 'sk-upstream-realtime',
            },
            model_info: { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
          },
          {
            model_name: 'voice-bad-key',
            litellm_params: { model: 'openai/gpt-realtime', api_base: realtime.url, api_key: 'sk-wrong' },
          },
          { model_name: 'offline', litellm_params: { model: 'mock/offline' } },
        ],
      },
      env: { LITELLM_MASTER_KEY: MASTER },
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await realtime?.close();
  });

  it('passes a Responses API request through to OpenAI, with the public model name and a cost', async () => {
    const { data, response } = await client.responses
      .create({ model: 'gpt', input: 'echo: hello responses' })
      .withResponse();
    expect(data.output_text).toBe('hello responses');
    expect(data.model).toBe('gpt');
    expect(data.usage?.output_tokens).toBe(2);
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeGreaterThan(0);
    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/v1/responses');
    expect(sent?.body).toMatchObject({ model: 'gpt-4o', input: 'echo: hello responses' });
  });

  it('streams Responses API events with their names, ending with response.completed', async () => {
    const stream = await client.responses.create({
      model: 'gpt',
      input: 'echo: one two three',
      stream: true,
    });
    const types: string[] = [];
    let text = '';
    let completedModel: string | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completedModel = event.response.model;
    }
    expect(text).toBe('one two three');
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(completedModel).toBe('gpt');
  });

  it('sends Azure Responses requests to /openai/responses with the deployment as the model', async () => {
    const data = await client.responses.create({ model: 'gpt-azure', input: 'echo: azure' });
    expect(data.output_text).toBe('azure');
    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/openai/responses');
    expect(sent?.query).toMatchObject({ 'api-version': '2025-04-01-preview' });
    expect(sent?.body).toMatchObject({ model: 'my-gpt' });
  });

  it('refuses Responses requests for a provider without the API, and bad bodies, in OpenAI error shape', async () => {
    await expect(client.responses.create({ model: 'offline', input: 'hi' })).rejects.toMatchObject({
      status: 400,
      error: { message: expect.stringContaining('openai/ and azure/') },
    });
    const res = await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { param: 'input', type: 'invalid_request_error' } });
  });

  // The openai SDK's OpenAIRealtimeWS always dials wss://, so the plain-ws test gateway is
  // reached with the `ws` client the SDK itself uses, speaking the same events.
  it('relays a realtime session both ways, forwarding the upstream key, not the client key', async () => {
    const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/v1/realtime?model=voice`, {
      headers: { authorization: `Bearer ${MASTER}`, 'openai-beta': 'realtime=v1' },
    });
    const events: Array<Record<string, unknown>> = [];
    const seen = (type: string) => () => events.some((event) => event.type === type);
    socket.on('message', (data: Buffer) =>
      events.push(JSON.parse(data.toString()) as Record<string, unknown>),
    );
    await opened(socket);
    await expect.poll(seen('session.created'), { timeout: 15_000 }).toBe(true);
    socket.send(JSON.stringify({ type: 'session.update', session: { instructions: 'be brief' } }));
    socket.send(JSON.stringify({ type: 'response.create' }));
    await expect.poll(seen('response.done'), { timeout: 15_000 }).toBe(true);
    const text = events
      .filter((event) => event.type === 'response.output_text.delta')
      .map((event) => event.delta)
      .join('');
    expect(text).toBe('Hello in realtime');
    expect(events.find((event) => event.type === 'session.updated')).toMatchObject({
      session: { instructions: 'be brief' },
    });
    const handshake = realtime.handshakes.at(-1);
    expect(handshake?.url).toBe('/v1/realtime?model=gpt-realtime');
    expect(handshake?.headers.authorization).toBe('Bearer sk-upstream-realtime');
    expect(handshake?.headers['openai-beta']).toBe('realtime=v1');
    socket.close(1000);
    await expect.poll(() => realtime.openSockets(), { timeout: 15_000 }).toBe(0);
    expect(realtime.closes.at(-1)).toBe(1000);
  });

  it('closes the client cleanly when the upstream ends the session, keeping its close code', async () => {
    const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/v1/realtime?model=voice`, {
      headers: { authorization: `Bearer ${MASTER}` },
    });
    await opened(socket);
    const closed = new Promise<[number, string]>((resolve) =>
      socket.on('close', (code, reason) => resolve([code, reason.toString()])),
    );
    socket.send(JSON.stringify({ type: 'test.close' }));
    expect(await closed).toEqual([4000, 'upstream says bye']);
  });

  it('accepts the key as a browser subprotocol and refuses bad keys, unknown models and upstream refusals', async () => {
    const browser = new WebSocket(`${gateway.url.replace('http', 'ws')}/v1/realtime?model=voice`, [
      'realtime',
      `openai-insecure-api-key.${MASTER}`,
    ]);
    await opened(browser);
    expect(browser.protocol).toBe('realtime');
    browser.close();

    const refused = async (url: string, headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve) => {
        const socket = new WebSocket(url, { headers });
        socket.on('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        socket.on('error', () => undefined);
      });
    const base = `${gateway.url.replace('http', 'ws')}/v1/realtime`;
    const badKey = await refused(`${base}?model=voice`, { authorization: 'Bearer sk-nope' });
    expect(badKey.status).toBe(401);
    expect(JSON.parse(badKey.body)).toMatchObject({ error: { type: 'auth_error' } });
    const unknown = await refused(`${base}?model=nope`, { authorization: `Bearer ${MASTER}` });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { param: 'model' } });
    const upstreamRefused = await refused(`${base}?model=voice-bad-key`, {
      authorization: `Bearer ${MASTER}`,
    });
    expect(upstreamRefused.status).toBe(401);
    expect(upstreamRefused.body).not.toContain('sk-wrong');

    // The gateway still serves HTTP after all of that.
    const data = await client.responses.create({ model: 'gpt', input: 'echo: still here' });
    expect(data.output_text).toBe('still here');
  });
});
