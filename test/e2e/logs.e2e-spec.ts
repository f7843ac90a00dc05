import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { managementClient } from '../support/management-client';
import { MOCK_AWS, startMockBedrock } from '../support/mock-bedrock';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type GatewayProcess } from '../support/start-gateway';

const MASTER_KEY = 'sk-logs-e2e-master-key-4b1d';
const SALT_KEY = 'logs-e2e-salt-key-90af17';
const UPSTREAM_KEY = 'sk-logs-e2e-upstream-key-7f3a9c';
const EXTRA_HEADER_SECRET = 'logs-e2e-extra-header-secret-5e2d';
const BAD_UPSTREAM_KEY = 'sk-logs-e2e-rejected-upstream-key-c0ffee';
const WRONG_AWS_SECRET = 'logs-e2e/WRONG+aws+secret+access+key';
const AWS_SESSION_TOKEN = 'logs-e2e-aws-session-token-FwoGZXIvYXdzE';
const SSO_CLIENT_SECRET = 'logs-e2e-generic-client-secret-1d9b';
const DB_PASSWORD = 'logs-e2e-db-password-a7c3';
/** In the api_base's userinfo: it reaches the access log's api_base field, where the scrubber must catch it. */
const API_BASE_PASSWORD = 'logs-e2e-api-base-password-3e8f';
const BEDROCK_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

// eslint-disable-next-line no-control-regex -- Nest's colours
const ANSI = /\u001b\[[\d;]*m/g;

type LogRecord = Record<string, unknown>;

/** An OpenAI-shaped upstream that refuses every call, echoing the whole credential it was sent. */
async function startRejectingUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${req.headers.authorization ?? ''}.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        }),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function modelList(upstream: MockUpstream, rejecting: string, bedrock: string) {
  return [
    {
      model_name: 'gpt-4o',
      litellm_params: {
        model: 'openai/gpt-4o',
        api_base: `${upstream.url.replace('http://', `http://proxy-user:${API_BASE_PASSWORD}@`)}/v1`,
        api_key: UPSTREAM_KEY,
        extra_headers: { 'X-Upstream-Tenant-Token': EXTRA_HEADER_SECRET },
      },
      model_info: { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 },
    },
    {
      model_name: 'rejected',
      litellm_params: { model: 'openai/gpt-4o', api_base: `${rejecting}/v1`, api_key: BAD_UPSTREAM_KEY },
    },
    {
      model_name: 'claude-bedrock',
      litellm_params: {
        model: `bedrock/${BEDROCK_MODEL}`,
        api_base: bedrock,
        aws_access_key_id: MOCK_AWS.accessKeyId,
        aws_secret_access_key: MOCK_AWS.secretAccessKey,
        aws_region_name: 'us-east-1',
      },
    },
    {
      model_name: 'bedrock-wrong-secret',
      litellm_params: {
        model: `bedrock/${BEDROCK_MODEL}`,
        api_base: bedrock,
        aws_access_key_id: MOCK_AWS.accessKeyId,
        aws_secret_access_key: WRONG_AWS_SECRET,
        aws_session_token: AWS_SESSION_TOKEN,
        aws_region_name: 'us-east-1',
      },
    },
  ];
}

/** Every configured secret, each as the test wrote it. */
const SECRETS = [
  MASTER_KEY,
  SALT_KEY,
  UPSTREAM_KEY,
  EXTRA_HEADER_SECRET,
  BAD_UPSTREAM_KEY,
  MOCK_AWS.secretAccessKey,
  WRONG_AWS_SECRET,
  AWS_SESSION_TOKEN,
  SSO_CLIENT_SECRET,
  DB_PASSWORD,
  API_BASE_PASSWORD,
];

function expectNoSecret(output: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    expect(output.includes(secret), `a log line shows ${secret}`).toBe(false);
    // Nor a recognisable part of it (JSON- or URL-escaped forms, a prefix).
    expect(output.includes(secret.slice(0, 20)), `a log line shows part of ${secret}`).toBe(false);
  }
}

async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

describe('logs: json_logs + set_verbose, secrets never logged', () => {
  let upstream: MockUpstream;
  let rejecting: Awaited<ReturnType<typeof startRejectingUpstream>>;
  let bedrock: Awaited<ReturnType<typeof startMockBedrock>>;
  let db: FreshDatabase;
  let gateway: GatewayProcess;
  let stdout = '';
  let virtualKey = '';
  let teamId = '';
  /** Every request sent, by its `x-litellm-call-id`; `refused`: by authentication, before any routing. */
  const sent: {
    id: string;
    model: string;
    status: number;
    stream: boolean;
    virtual: boolean;
    refused: boolean;
  }[] = [];

  const send = async (
    headers: Record<string, string>,
    body: Record<string, unknown>,
    virtual: boolean,
    refused = false,
  ): Promise<Response> => {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...body }),
    });
    await res.text();
    sent.push({
      id: res.headers.get('x-litellm-call-id') ?? '',
      model: String(body.model),
      status: res.status,
      stream: body.stream === true,
      virtual,
      refused,
    });
    return res;
  };

  beforeAll(async () => {
    upstream = await startMockUpstream({ requireKey: UPSTREAM_KEY });
    rejecting = await startRejectingUpstream();
    bedrock = await startMockBedrock();
    db = await createFreshDatabase();
    gateway = await startGateway({
      config: {
        model_list: modelList(upstream, rejecting.url, bedrock.url),
        general_settings: { master_key: MASTER_KEY },
        litellm_settings: { json_logs: true, set_verbose: true },
      },
      env: {
        DATABASE_URL: db.url.replace('postgresql://postgres@', `postgresql://postgres:${DB_PASSWORD}@`),
        LITELLM_SALT_KEY: SALT_KEY,
        GENERIC_CLIENT_SECRET: SSO_CLIENT_SECRET,
        GENERIC_CLIENT_ID: 'switchyard-logs-e2e',
      },
    });
    gateway.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));

    const admin = managementClient(gateway.url, MASTER_KEY);
    const team = await admin.post('/team/new', { team_alias: 'Logs Team' });
    expect(team.status).toBe(200);
    teamId = team.body.team_id as string;
    expect((await admin.post('/user/new', { user_id: 'logs-e2e-user' })).status).toBe(200);
    const created = await admin.post('/key/generate', {
      key_alias: 'logs-e2e-key',
      user_id: 'logs-e2e-user',
      team_id: teamId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    virtualKey = created.body.key as string;

    const master = { authorization: `Bearer ${MASTER_KEY}` };
    expect((await send(master, { model: 'gpt-4o' }, false)).status).toBe(200);
    expect((await send({ authorization: `Bearer ${virtualKey}` }, { model: 'gpt-4o' }, true)).status).toBe(
      200,
    );
    expect((await send({ 'api-key': virtualKey }, { model: 'gpt-4o' }, true)).status).toBe(200);
    expect((await send({ 'x-api-key': virtualKey }, { model: 'gpt-4o' }, true)).status).toBe(200);
    const streamed = await send(
      { authorization: `Bearer ${virtualKey}` },
      { model: 'gpt-4o', stream: true, stream_options: { include_usage: true } },
      true,
    );
    expect(streamed.status).toBe(200);
    expect((await send({ 'x-api-key': virtualKey }, { model: 'rejected' }, true)).status).toBe(401);
    expect((await send(master, { model: 'claude-bedrock', max_tokens: 50 }, false)).status).toBe(200);
    expect(
      (await send({ 'api-key': virtualKey }, { model: 'bedrock-wrong-secret' }, true)).status,
    ).toBeGreaterThanOrEqual(400);
    // Refused before any routing: an access-log line without the key tried.
    const unknownKey = { authorization: 'Bearer sk-logs-e2e-not-a-key-0000000000000000' };
    expect((await send(unknownKey, { model: 'gpt-4o' }, false, true)).status).toBe(401);
    expect(
      (await send({ authorization: `Bearer ${virtualKey}` }, { model: 'no-such-model' }, true)).status,
    ).toBeGreaterThanOrEqual(400);
    await waitFor(() => sent.every(({ id }) => stdout.includes(`"request_id":"${id}"`)));
    await gateway.stop();
  });

  afterAll(async () => {
    await gateway?.stop();
    await db?.drop();
    await Promise.all([upstream?.close(), rejecting?.close(), bedrock?.close()]);
  });

  const records = (): LogRecord[] =>
    gateway
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogRecord);

  it('writes nothing but JSON lines with level, time, msg (and context for Nest loggers)', () => {
    const lines = gateway
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      let record: LogRecord | undefined;
      expect(() => (record = JSON.parse(line) as LogRecord), line).not.toThrow();
      expect(record, line).toMatchObject({
        level: expect.any(String),
        time: expect.any(String),
        msg: expect.any(String),
      });
    }
    const contexts = new Set(records().map((r) => r.context));
    for (const context of ['NestFactory', 'InstanceLoader', 'Gateway', 'AccessLog', 'DeploymentCall']) {
      expect(contexts).toContain(context);
    }
    // set_verbose: debug lines are written.
    expect(records().some((r) => r.level === 'debug')).toBe(true);
  });

  it('writes exactly one access-log line per proxied request, with its facts', () => {
    const access = records().filter((r) => r.context === 'AccessLog');
    expect(access.every((r) => r.level === 'info')).toBe(true);
    const ids = access.map((r) => r.request_id);
    expect(sent.every(({ id }) => id !== '')).toBe(true);
    for (const request of sent) {
      const lines = access.filter((r) => r.request_id === request.id);
      expect(lines, `${request.model} ${request.id}`).toHaveLength(1);
      if (request.refused) {
        // Refused by authentication: a line with the model asked for and no key, user or team.
        expect(lines[0]).toMatchObject({
          status: 401,
          success: false,
          model: request.model,
          model_group: null,
          key_alias: null,
          user: null,
          team: null,
          error_class: 'AuthenticationError',
        });
        continue;
      }
      const [line] = lines as [LogRecord];
      for (const field of [
        'request_id',
        'key_alias',
        'user',
        'team',
        'model_group',
        'deployment',
        'status',
        'latency_ms',
        'ttft_ms',
        'prompt_tokens',
        'completion_tokens',
        'cost',
        'cache_hit',
      ]) {
        expect(line, field).toHaveProperty(field);
      }
      expect(line.status).toBe(request.status);
      expect(line.stream).toBe(request.stream);
      expect(typeof line.latency_ms).toBe('number');
      if (request.virtual) {
        expect(line).toMatchObject({ key_alias: 'logs-e2e-key', user: 'logs-e2e-user', team: teamId });
      }
      if (request.status === 200 && request.model === 'gpt-4o') {
        expect(line).toMatchObject({ model_group: 'gpt-4o', cache_hit: false });
        expect(line.deployment).toEqual(expect.any(String));
        expect(line.prompt_tokens).toBeGreaterThan(0);
        expect(line.completion_tokens).toBeGreaterThan(0);
        expect(line.cost).toBeGreaterThan(0);
        // The api_base's password went through the scrubber.
        expect(line.api_base).toMatch(/^http:\/\/proxy-user:\*{5}@127\.0\.0\.1:\d+\/v1$/);
      }
      if (request.stream) expect(line.ttft_ms).toEqual(expect.any(Number));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(access).toHaveLength(sent.length);
    const rejected = access.find((r) => r.model === 'rejected');
    expect(rejected).toMatchObject({ status: 401, success: false, error_class: 'AuthenticationError' });
  });

  it('never shows a configured secret, the master key or the virtual key, at any level', () => {
    const output = gateway.output();
    expectNoSecret(output, [...SECRETS, virtualKey, 'sk-logs-e2e-not-a-key-0000000000000000']);
    // The failure paths did log something about the refused upstream and the wrong AWS secret.
    expect(records().some((r) => r.context === 'DeploymentCall' && r.status === 401)).toBe(true);
  });
});

describe('logs: human-readable (json_logs off)', () => {
  let upstream: MockUpstream;
  let rejecting: Awaited<ReturnType<typeof startRejectingUpstream>>;
  let bedrock: Awaited<ReturnType<typeof startMockBedrock>>;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    upstream = await startMockUpstream({ requireKey: UPSTREAM_KEY });
    rejecting = await startRejectingUpstream();
    bedrock = await startMockBedrock();
    gateway = await startGateway({
      config: {
        model_list: modelList(upstream, rejecting.url, bedrock.url),
        general_settings: { master_key: MASTER_KEY },
      },
      env: { LITELLM_LOG: 'DEBUG', GENERIC_CLIENT_SECRET: SSO_CLIENT_SECRET },
    });
    for (const [headers, model] of [
      [{ 'x-api-key': MASTER_KEY }, 'gpt-4o'],
      [{ authorization: `Bearer ${MASTER_KEY}` }, 'rejected'],
      [{ 'api-key': MASTER_KEY }, 'bedrock-wrong-secret'],
    ] as const) {
      const res = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
      });
      await res.text();
    }
    await waitFor(() => (gateway.output().match(/\[AccessLog\]/g) ?? []).length >= 3);
    await gateway.stop();
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([upstream?.close(), rejecting?.close(), bedrock?.close()]);
  });

  it("prints Nest's lines and the access log, without a secret", () => {
    const output = gateway.output().replace(ANSI, '');
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    expect(lines.some((line) => line.startsWith('{'))).toBe(false);
    expect(output).toMatch(/^\[Nest\] \d+ {2}- .+ +LOG \[NestFactory\] Starting Nest application/m);
    expect(output).toMatch(
      /^\[Nest\] \d+ {2}- .+ +LOG \[AccessLog\] chat gpt-4o 200 [\d.]+ms request_id=\S+ .*model_group=gpt-4o /m,
    );
    expect(output).toMatch(/LOG \[AccessLog\] chat rejected 401 .*error_class=AuthenticationError/);
    expect(output).toMatch(
      /LOG \[AccessLog\] chat gpt-4o 200 .* api_base=http:\/\/proxy-user:\*{5}@127\.0\.0\.1:\d+\/v1 /,
    );
    expect(output).toMatch(/DEBUG \[DeploymentCall\] deployment \S+ \(openai\/gpt-4o\) 401 /);
    expectNoSecret(output, [...SECRETS.filter((s) => s !== SALT_KEY && s !== DB_PASSWORD)]);
  });
});
