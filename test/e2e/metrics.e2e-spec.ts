import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { Pool } from 'undici';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { debianPackage } from '../support/debian-package';
import { parseExposition, type Sample } from '../support/exposition';
import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { managementClient } from '../support/management-client';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { chatOnce, query as sql } from '../support/spend-traffic';
import { freePort, startGateway, TEST_QUEUE_PREFIX, type GatewayProcess } from '../support/start-gateway';
import { startWorker, type WorkerProcess } from '../support/start-worker';

const MASTER = 'sk-master-metrics-e2e';
/** Queues of this file only: another file's worker must not take (or count) these spend events. */
const QUEUE_PREFIX = `${TEST_QUEUE_PREFIX}:metrics-e2e`;
const SUCCESSES = 6;
const FAILURES = 3;
const MAX_BUDGET = 5;
const DEPLOY = resolve(__dirname, '../../libs/metrics/monitoring');

/** Every PromQL expression of the shipped Grafana dashboard (panels and template variables). */
function dashboardQueries(): string[] {
  const dashboard = JSON.parse(readFileSync(join(DEPLOY, 'grafana/switchyard-dashboard.json'), 'utf8')) as {
    panels: Array<{ targets?: Array<{ expr: string }> }>;
    templating: { list: Array<{ type: string; query: unknown }> };
  };
  const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
  for (const variable of dashboard.templating.list) {
    const query = (variable.query as { query?: string }).query;
    const labelValues = query ? /^label_values\((.+), *\w+\)$/.exec(query) : null;
    if (labelValues) exprs.push(labelValues[1] as string);
  }
  // Grafana's variables, as it would substitute them.
  return exprs.map((expr) =>
    expr
      .replaceAll('$__rate_interval', '1m')
      .replaceAll('$__range', '5m')
      .replaceAll('$model', '.*')
      .replaceAll('$job', '.*'),
  );
}

/** Debian's `prometheus` package (promtool and the server). */
function prometheusTools(): { promtool: string; prometheus: string } {
  return debianPackage('prometheus', ['promtool', 'prometheus'] as const);
}

/** `promtool check metrics`: exit code and problems (an empty list when the exposition is clean). */
function promtoolCheck(promtool: string, exposition: string): { status: number | null; output: string } {
  const result = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

function sum(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startWebhookReceiver(): Promise<{ url: string; received: unknown[]; server: Server }> {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(data));
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, received, server };
}

const METRICS_DIST = resolve(__dirname, '../../dist/libs/metrics/src');

/**
 * A node:cluster primary with two workers that each count `n` requests in their own GatewayMetrics;
 * the first worker then scrapes. Returns that scrape's total of litellm_proxy_total_requests_metric.
 */
async function clusterScrapeTotal(primaryServes: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-cluster-metrics-'));
  const script = join(dir, 'cluster.js');
  writeFileSync(
    script,
    `
const cluster = require('node:cluster');
const { GatewayMetrics } = require(${JSON.stringify(join(METRICS_DIST, 'gateway-metrics.js'))});
const { serveClusterMetrics } = require(${JSON.stringify(join(METRICS_DIST, 'cluster-metrics.js'))});
if (cluster.isPrimary) {
  if (${primaryServes}) serveClusterMetrics();
  const workers = [cluster.fork({ N: '2' }), cluster.fork({ N: '3' })];
  let ready = 0;
  cluster.on('message', (worker, message) => {
    if (message === 'ready' && ++ready === workers.length) workers[0].send('scrape');
    if (message && typeof message.scraped === 'string') {
      process.stdout.write(message.scraped);
      for (const w of workers) w.kill();
    }
  });
} else {
  const metrics = new GatewayMetrics();
  const summary = { requestId: 'r', callType: 'chat', status: 200, success: true, stream: false, requestedModel: 'm',
    modelGroup: 'm', deploymentId: 'd', litellmModel: 'openai/m', provider: 'openai', apiBase: 'http://x', keyHash: null,
    keyAlias: null, userId: null, teamId: null, teamAlias: null, endUser: null, latencyMs: 5, llmLatencyMs: 4,
    timeToFirstTokenMs: null, promptTokens: 1, completionTokens: 1, cost: 0.5, cacheHit: false, retries: 0, fallbacks: 0,
    exceptionClass: null, errorMessage: null, remainingKeyBudget: null, remainingTeamBudget: null, keyMaxBudget: null,
    teamMaxBudget: null };
  for (let i = 0; i < Number(process.env.N); i++) metrics.observeRequest(summary);
  process.on('message', async (message) => {
    if (message === 'scrape') process.send({ scraped: await metrics.scrape() });
  });
  process.send('ready');
}
`,
  );
  try {
    const child = spawn(process.execPath, [script], { cwd: resolve(__dirname, '../..') });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code, output).toBe(0);
    return sum(parseExposition(output), 'litellm_proxy_total_requests_metric_total');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('/metrics under --num_workers (node:cluster)', () => {
  it('reports every worker when the primary serves cluster metrics', async () => {
    expect(await clusterScrapeTotal(true)).toBe(5);
  });

  it('falls back to the worker itself when the primary does not', async () => {
    expect(await clusterScrapeTotal(false)).toBe(2);
  }, 20_000);
});

describe('Prometheus metrics (gateway and worker) under a real scraper', () => {
  let tools: ReturnType<typeof prometheusTools>;
  let upstream: MockUpstream;
  let db: FreshDatabase;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let gateway: GatewayProcess;
  let worker: WorkerProcess;
  let workerPort: number;
  let pool: Pool;
  let key: string;
  let keyHash: string;
  /** Sum of the costs the gateway reported for the traffic test's requests. */
  let spent = 0;

  beforeAll(async () => {
    tools = prometheusTools();
    upstream = await startMockUpstream();
    db = await createFreshDatabase();
    hooks = await startWebhookReceiver();
    const shared = { DATABASE_URL: db.url, REDIS_HOST: '127.0.0.1', SWITCHYARD_QUEUE_PREFIX: QUEUE_PREFIX };
    gateway = await startGateway({
      config: {
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, rpm: 600 },
            model_info: { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
          },
          {
            model_name: 'broken',
            litellm_params: { model: 'openai/fail-500', api_base: `${upstream.url}/v1` },
          },
        ],
        router_settings: { num_retries: 0 },
        litellm_settings: { require_auth_for_metrics_endpoint: true },
      },
      env: { ...shared, LITELLM_MASTER_KEY: MASTER },
    });
    workerPort = await freePort();
    worker = await startWorker(
      { ...shared, WORKER_METRICS_PORT: String(workerPort), WEBHOOK_URL: hooks.url },
      { model_list: [], general_settings: { alerting: ['webhook'] } },
    );
    pool = new Pool(gateway.url);
    const generated = await managementClient(gateway.url, MASTER).post('/key/generate', {
      key_alias: 'metrics-e2e',
      max_budget: MAX_BUDGET,
      // Crossed by the first request: the worker sends one alert.
      soft_budget: 1e-9,
    });
    expect(generated.status).toBe(200);
    key = generated.body.key as string;
    keyHash = createHash('sha256').update(key).digest('hex');
  });

  afterAll(async () => {
    await pool?.close();
    await gateway?.stop();
    await worker?.stop();
    await new Promise<void>((done) => (hooks ? hooks.server.close(() => done()) : done()));
    await db?.drop();
    await upstream?.close();
  });

  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${MASTER}` }) => {
    const res = await fetch(`${gateway.url}/metrics`, { headers });
    return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
  };

  it('refuses /metrics without a key when require_auth_for_metrics_endpoint is set', async () => {
    const anonymous = await scrape({});
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({ error: { code: '401' } });
    expect((await scrape({ authorization: 'Bearer sk-not-a-key' })).status).toBe(401);
    const allowed = await scrape();
    expect(allowed.status).toBe(200);
    expect(allowed.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('counts real traffic under LiteLLM names and labels, and promtool accepts the exposition', async () => {
    for (let i = 0; i < SUCCESSES; i++) {
      const answer = await chatOnce(pool, key, 'gpt-4o', i === 0);
      expect(answer.status).toBe(200);
      spent += answer.cost;
    }
    for (let i = 0; i < FAILURES; i++)
      expect((await chatOnce(pool, key, 'broken')).status).toBeGreaterThanOrEqual(500);
    expect(spent).toBeGreaterThan(0);

    const { text } = await scrape();
    const samples = parseExposition(text);
    const mine = { hashed_api_key: keyHash };

    expect(sum(samples, 'litellm_proxy_total_requests_metric_total', mine)).toBe(SUCCESSES + FAILURES);
    expect(
      sum(samples, 'litellm_proxy_total_requests_metric_total', {
        ...mine,
        api_key_alias: 'metrics-e2e',
        requested_model: 'gpt-4o',
        status_code: '200',
        route: '/chat/completions',
      }),
    ).toBe(SUCCESSES);
    const failed = samples.filter((s) => s.name === 'litellm_proxy_failed_requests_metric_total');
    expect(failed.reduce((n, s) => n + s.value, 0)).toBe(FAILURES);
    expect(failed[0]?.labels).toMatchObject({
      ...mine,
      api_key_alias: 'metrics-e2e',
      requested_model: 'broken',
      exception_class: 'Openai.InternalServerError',
    });
    expect(Number(failed[0]?.labels.exception_status)).toBeGreaterThanOrEqual(500);

    expect(sum(samples, 'litellm_request_total_latency_metric_count', mine)).toBe(SUCCESSES + FAILURES);
    expect(sum(samples, 'litellm_request_total_latency_metric_bucket', { ...mine, le: '+Inf' })).toBe(
      SUCCESSES + FAILURES,
    );
    expect(sum(samples, 'litellm_llm_api_latency_metric_count', { ...mine, requested_model: 'gpt-4o' })).toBe(
      SUCCESSES,
    );
    expect(sum(samples, 'litellm_llm_api_time_to_first_token_metric_count', mine)).toBe(1);

    const spend = sum(samples, 'litellm_spend_metric_total', mine);
    expect(spend).toBeCloseTo(spent, 9);
    expect(sum(samples, 'litellm_total_tokens_metric_total', mine)).toBeGreaterThan(0);
    expect(sum(samples, 'litellm_total_tokens_metric_total', mine)).toBe(
      sum(samples, 'litellm_input_tokens_metric_total', mine) +
        sum(samples, 'litellm_output_tokens_metric_total', mine),
    );
    expect(sum(samples, 'litellm_api_key_max_budget_metric', mine)).toBe(MAX_BUDGET);

    expect(
      sum(samples, 'litellm_deployment_success_responses_total', {
        ...mine,
        litellm_model_name: 'openai/gpt-4o',
      }),
    ).toBe(SUCCESSES);
    expect(
      sum(samples, 'litellm_deployment_failure_responses_total', {
        ...mine,
        litellm_model_name: 'openai/fail-500',
      }),
    ).toBe(FAILURES);
    expect(sum(samples, 'litellm_deployment_total_requests_total', mine)).toBe(SUCCESSES + FAILURES);
    expect(sum(samples, 'litellm_deployment_state', { litellm_model_name: 'openai/gpt-4o' })).toBe(0);
    expect(sum(samples, 'litellm_deployment_state', { litellm_model_name: 'openai/fail-500' })).toBe(1);
    expect(sum(samples, 'litellm_deployment_rpm_limit', { litellm_model_name: 'openai/gpt-4o' })).toBe(600);
    expect(samples.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);

    // Hashes and aliases only: neither key appears anywhere.
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(3));
    expect(text).not.toContain(MASTER);

    expect(promtoolCheck(tools.promtool, text)).toEqual({ status: 0, output: '' });
  });

  it("reports the key's remaining budget as max_budget minus everything it spent", async () => {
    const samples = parseExposition((await scrape()).text);
    const remaining = sum(samples, 'litellm_remaining_api_key_budget_metric', { hashed_api_key: keyHash });
    expect(remaining).toBeLessThan(MAX_BUDGET);
    expect(remaining).toBeCloseTo(MAX_BUDGET - spent, 6);
  });

  it("serves the worker's /metrics: queue depth, batches, ingested events, alerts; promtool accepts it", async () => {
    const workerMetrics = () => fetch(`http://127.0.0.1:${workerPort}/metrics`).then((res) => res.text());
    // Every request above (failures too) is one spend event; the worker ingests them in batches.
    const text = await waitFor(
      'the worker to ingest the spend events and send the alert',
      async () => {
        const current = await workerMetrics();
        const samples = parseExposition(current);
        const inserted = sum(samples, 'switchyard_worker_spend_events_ingested_total', {
          result: 'inserted',
        });
        const alerts = sum(samples, 'switchyard_worker_budget_alerts_total', { outcome: 'sent' });
        return inserted >= SUCCESSES + FAILURES && alerts >= 1 ? current : undefined;
      },
      20_000,
    );
    const samples = parseExposition(text);
    // The counter is the worker's ledger: it matches the rows in its database, and this key's
    // requests are all there.
    const [rows] = await sql<{ total: number; key: number }>(
      db.url,
      'SELECT count(*)::int AS total, count(*) FILTER (WHERE api_key = $1)::int AS key FROM spend_logs',
      [keyHash],
    );
    expect(sum(samples, 'switchyard_worker_spend_events_ingested_total', { result: 'inserted' })).toBe(
      rows?.total,
    );
    expect(rows?.key).toBe(SUCCESSES + FAILURES);
    const batches = sum(samples, 'switchyard_worker_spend_batches_total', { outcome: 'success' });
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(sum(samples, 'switchyard_worker_spend_batch_size_count')).toBe(batches);
    expect(sum(samples, 'switchyard_worker_spend_batch_size_sum')).toBeGreaterThanOrEqual(rows?.total ?? 0);
    expect(
      sum(samples, 'switchyard_worker_spend_ingest_duration_seconds_count', { outcome: 'success' }),
    ).toBe(batches);
    const depth = samples.filter((s) => s.name === 'switchyard_worker_queue_jobs');
    expect(depth.map((s) => s.labels.state)).toEqual(expect.arrayContaining(['waiting', 'active', 'failed']));
    expect(depth.every((s) => s.labels.queue === 'spend-events')).toBe(true);
    expect(
      sum(samples, 'switchyard_worker_budget_alerts_total', {
        kind: 'soft_budget_crossed',
        entity_type: 'key',
        outcome: 'sent',
      }),
    ).toBe(1);
    expect(hooks.received).toHaveLength(1);
    expect(samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
    expect(text).not.toContain(key);

    expect(promtoolCheck(tools.promtool, text)).toEqual({ status: 0, output: '' });
    expect((await fetch(`http://127.0.0.1:${workerPort}/other`)).status).toBe(404);
  });

  it('ships a valid Prometheus config and a dashboard that names only exposed metrics', async () => {
    const check = spawnSync(tools.promtool, ['check', 'config', join(DEPLOY, 'prometheus/prometheus.yml')], {
      encoding: 'utf8',
    });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);

    const worker = await fetch(`http://127.0.0.1:${workerPort}/metrics`).then((r) => r.text());
    const exposed = `${(await scrape()).text}\n${worker}`;
    const families = new Set([...exposed.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] as string));
    const named = new Set(
      dashboardQueries().flatMap((expr) =>
        // Label lists (`by (...)`) name labels, not metrics.
        [
          ...expr
            .replace(/\b(by|without) \([^)]*\)/g, '')
            .matchAll(/\b((?:litellm|switchyard|process|nodejs)_[a-z0-9_]+)/g),
        ].map((m) => (m[1] as string).replace(/_(bucket|sum|count)$/, '')),
      ),
    );
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((name) => !families.has(name))).toEqual([]);
  });

  it('is scraped by a real Prometheus server, whose query API returns the requests sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-prometheus-'));
    const port = await freePort();
    const configFile = join(dir, 'prometheus.yml');
    writeFileSync(
      configFile,
      stringify({
        global: { scrape_interval: '1s', scrape_timeout: '900ms', evaluation_interval: '1s' },
        scrape_configs: [
          {
            job_name: 'gateway',
            authorization: { type: 'Bearer', credentials: MASTER },
            static_configs: [{ targets: [`127.0.0.1:${gateway.port}`] }],
          },
          { job_name: 'worker', static_configs: [{ targets: [`127.0.0.1:${workerPort}`] }] },
        ],
      }),
    );
    const check = spawnSync(tools.promtool, ['check', 'config', configFile], { encoding: 'utf8' });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);

    let output = '';
    const server: ChildProcess = spawn(tools.prometheus, [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const ask = async (promql: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(promql)}`);
      return (await res.json()) as {
        status: string;
        error?: string;
        data?: { result: Array<{ value: [number, string] }> };
      };
    };
    const query = async (promql: string): Promise<number | undefined> => {
      const first = (await ask(promql)).data?.result[0];
      return first === undefined ? undefined : Number(first.value[1]);
    };
    try {
      const wanted = SUCCESSES + FAILURES;
      const requests = await waitFor(
        `Prometheus to scrape ${wanted} requests`,
        async () => {
          if (server.exitCode !== null) throw new Error(`prometheus exited:\n${output}`);
          const value = await query(
            `sum(litellm_proxy_total_requests_metric_total{hashed_api_key="${keyHash}"})`,
          );
          return value === wanted ? value : undefined;
        },
        30_000,
      );
      expect(requests).toBe(wanted);
      expect(
        await query(`sum(litellm_proxy_failed_requests_metric_total{hashed_api_key="${keyHash}"})`),
      ).toBe(FAILURES);
      expect(await query('up{job="gateway"}')).toBe(1);
      await waitFor(
        'the worker target to be up',
        async () => ((await query('up{job="worker"}')) === 1 ? 1 : undefined),
        10_000,
      );
      const [ledger] = await sql<{ total: number }>(db.url, 'SELECT count(*)::int AS total FROM spend_logs');
      expect(await query('sum(switchyard_worker_spend_events_ingested_total{result="inserted"})')).toBe(
        ledger?.total,
      );

      // The shipped dashboard: every query is valid PromQL for this Prometheus, and the main ones
      // have data after this traffic (rates need two scrapes).
      await waitFor(
        'two scrapes for rate()',
        async () =>
          (await ask('sum(rate(litellm_proxy_total_requests_metric_total[1m]))')).data?.result.length
            ? 1
            : undefined,
        10_000,
      );
      const answers = await Promise.all(
        dashboardQueries().map(async (expr) => ({ expr, ...(await ask(expr)) })),
      );
      expect(answers.filter((a) => a.status !== 'success')).toEqual([]);
      const withData = answers.filter((a) => (a.data?.result.length ?? 0) > 0).map((a) => a.expr);
      expect(withData).toEqual(
        expect.arrayContaining([
          expect.stringContaining('sum(rate(litellm_proxy_total_requests_metric_total'),
          expect.stringContaining('(litellm_deployment_state)'),
          expect.stringContaining('switchyard_worker_queue_jobs'),
          expect.stringContaining('litellm_request_total_latency_metric_bucket'),
        ]),
      );
    } finally {
      server.kill('SIGTERM');
      await new Promise((done) => (server.exitCode !== null ? done(null) : server.once('exit', done)));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
