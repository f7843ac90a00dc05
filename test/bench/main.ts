/**
 * `npm run bench`: mock upstream, floor proxy and gateway each in its own process; load from this one.
 * The gateway runs in the production shape: a fresh PostgreSQL database, Redis for the spend queue.
 * It is measured twice (spend logs on, then off), then one worker drains the queue into PostgreSQL.
 * Env: BENCH_DURATION (s, default 8), BENCH_CONNECTIONS (64), BENCH_SEQ_REQUESTS, BENCH_TTFT_REQUESTS,
 * BENCH_GATEWAY_CMD (or --gateway-cmd; `floor` = a second floor proxy), BENCH_STRICT=1 (exit 1 on a MISS).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { readSettings, type BenchSettings } from './bench-settings';
import { createBenchStores, type BenchStores } from './bench-stores';
import { ChildRegistry, type ManagedChild } from './child-process';
import { freePort } from './free-port';
import { gatewayEnv, writeGatewayConfig, type TempConfig } from './gateway-config';
import { waitForLiveness } from './liveness';
import { measureSaturationOnly, measureTargets, type Target } from './measure-target';
import { buildReport, formatReport } from './report';
import { measureIngestion, type IngestResult } from './spend-ingest';

const READY_TIMEOUT_MS = 15_000;
const LIVENESS_TIMEOUT_MS = 30_000;
/** The gateway hands its last spend batch to the queue on SIGTERM: give it time to. */
const GATEWAY_STOP_GRACE_MS = 15_000;

const log = (message: string): void => {
  process.stdout.write(`[bench] ${message}\n`);
};

interface Resources {
  children: ChildRegistry;
  temp: TempConfig[];
  stores?: BenchStores;
}

interface StartedGateway {
  child: ManagedChild;
  url: string;
}

function substitute(argv: readonly string[], values: Record<string, string>): string[] {
  return argv.map((part) =>
    Object.entries(values).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, value), part),
  );
}

async function startGateway(
  label: string,
  settings: BenchSettings,
  resources: Resources,
  config: TempConfig,
  mockUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<StartedGateway> {
  const port = await freePort();
  const [command, ...args] = substitute(settings.gatewayCommand, {
    config: config.path,
    port: String(port),
    mock: mockUrl,
  });
  if (!command) throw new Error('empty gateway command');
  const script = args.find((arg) => arg.endsWith('.js'));
  if (script !== undefined && !existsSync(script)) {
    throw new Error(
      `gateway entry ${script} is missing: run \`npm run build\` (or BENCH_GATEWAY_CMD=floor to test the harness)`,
    );
  }
  log(`${label}: ${[command, ...args].join(' ')}`);
  const child = resources.children.spawn(label, command, args, { env, cwd: settings.paths.repoRoot });
  const url = `http://127.0.0.1:${port}`;
  await waitForLiveness(url, child, LIVENESS_TIMEOUT_MS);
  return { child, url };
}

/** SIGTERM and wait; anything but a clean exit may have lost the last spend batch, so it is reported. */
async function stopGateway(gateway: StartedGateway, warnings: string[]): Promise<void> {
  await gateway.child.stop(GATEWAY_STOP_GRACE_MS);
  if (gateway.child.exited !== 'code 0') {
    warnings.push(
      `${gateway.child.name} did not exit cleanly on SIGTERM (${gateway.child.exited ?? '?'}): its last spend events may be lost`,
    );
  }
}

async function run(settings: BenchSettings, resources: Resources): Promise<boolean> {
  const { children } = resources;
  const env = gatewayEnv();
  const cwd = settings.paths.repoRoot;

  const mock = children.spawn('mock-upstream', process.execPath, [settings.paths.mockMain, '--port', '0'], {
    env,
    cwd,
  });
  const mockUrl = await mock.waitForLine(/MOCK_UPSTREAM_READY (\S+)/, READY_TIMEOUT_MS);
  const floor = children.spawn(
    'floor',
    process.execPath,
    [settings.paths.floorMain, '--upstream', mockUrl, '--port', '0'],
    { env, cwd },
  );
  const floorUrl = await floor.waitForLine(/FLOOR_READY (\S+)/, READY_TIMEOUT_MS);

  const stores = await createBenchStores();
  resources.stores = stores;
  log(`database ${stores.databaseName}, Redis queue prefix ${stores.queuePrefix}`);
  const serverEnv = gatewayEnv(stores);
  const spendOnConfig = writeGatewayConfig(mockUrl, { spendLogs: true });
  const spendOffConfig = writeGatewayConfig(mockUrl, { spendLogs: false });
  resources.temp.push(spendOnConfig, spendOffConfig);
  const warnings: string[] = [];

  // Spend on, the real configuration: every measurement of the report, next to direct and floor.
  const gateway = await startGateway('gateway', settings, resources, spendOnConfig, mockUrl, serverEnv);
  log(
    `mock ${mockUrl} (pid ${mock.pid}), floor ${floorUrl} (pid ${floor.pid}), gateway ${gateway.url} (pid ${gateway.child.pid}, spend on)`,
  );
  const targets: Target[] = [
    { name: 'direct', origin: mockUrl, serverPid: mock.pid, mockPid: mock.pid },
    { name: 'floor', origin: floorUrl, serverPid: floor.pid, mockPid: mock.pid },
    { name: 'gateway', origin: gateway.url, serverPid: gateway.child.pid, mockPid: mock.pid },
  ];
  const [direct, floorResult, gatewayResult] = await measureTargets(targets, settings, log);
  if (!direct || !floorResult || !gatewayResult) throw new Error('a target was not measured');
  await stopGateway(gateway, warnings);

  // Spend off: a second gateway process, the same saturation load.
  const gatewayOff = await startGateway(
    'gateway-spend-off',
    settings,
    resources,
    spendOffConfig,
    mockUrl,
    serverEnv,
  );
  const spendOff = await measureSaturationOnly(
    { name: 'gateway', origin: gatewayOff.url, serverPid: gatewayOff.child.pid, mockPid: mock.pid },
    settings,
    (message) => log(message.replace(/^gateway:/, 'gateway (spend off):')),
  );
  await stopGateway(gatewayOff, warnings);

  // One worker drains what the spend-on gateway queued.
  let ingest: IngestResult | undefined;
  if (settings.workerCommand) {
    ingest = await measureIngestion({
      children,
      command: substitute(settings.workerCommand, { config: spendOnConfig.path }),
      env: serverEnv,
      cwd,
      stores,
      log,
    });
  } else {
    log('worker: skipped (the gateway is the floor stand-in, which records no spend)');
  }

  const report = buildReport(
    settings,
    { direct, floor: floorResult, gateway: gatewayResult },
    { off: spendOff, ingest, warnings },
  );
  process.stdout.write(`\n${formatReport(report)}\n\n`);
  writeFileSync(settings.paths.results, `${JSON.stringify(report, null, 2)}\n`);
  log(`results written to ${settings.paths.results}`);
  return report.checks.every((check) => check.pass);
}

async function main(): Promise<void> {
  const settings = readSettings(__dirname);
  const resources: Resources = { children: new ChildRegistry(), temp: [] };
  const cleanUp = async (): Promise<void> => {
    await resources.children.stopAll();
    for (const config of resources.temp) config.remove();
    await resources.stores?.drop().catch((error: unknown) => {
      log(`clean-up: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  process.once('exit', () => resources.children.killAllNow());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping children`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  const started = Date.now();
  try {
    const allPassed = await run(settings, resources);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    if (settings.strict && !allPassed) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
