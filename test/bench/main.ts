/**
 * `npm run bench`: mock upstream, floor proxy and gateway each in its own process; load from this one.
 * Env: BENCH_DURATION (s, default 8), BENCH_CONNECTIONS (64), BENCH_SEQ_REQUESTS, BENCH_TTFT_REQUESTS,
 * BENCH_GATEWAY_CMD (or --gateway-cmd; `floor` = a second floor proxy), BENCH_STRICT=1 (exit 1 on a MISS).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { readSettings, type BenchSettings } from './bench-settings';
import { ChildRegistry } from './child-process';
import { freePort } from './free-port';
import { gatewayEnv, writeGatewayConfig, type TempConfig } from './gateway-config';
import { waitForLiveness } from './liveness';
import { measureTargets, type Target } from './measure-target';
import { buildReport, formatReport } from './report';

const READY_TIMEOUT_MS = 15_000;
const LIVENESS_TIMEOUT_MS = 30_000;

const log = (message: string): void => {
  process.stdout.write(`[bench] ${message}\n`);
};

async function run(settings: BenchSettings, children: ChildRegistry, temp: TempConfig[]): Promise<boolean> {
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

  const config = writeGatewayConfig(mockUrl);
  temp.push(config);
  const port = await freePort();
  const [command, ...args] = settings.gatewayCommand.map((part) =>
    part.replaceAll('{config}', config.path).replaceAll('{port}', String(port)).replaceAll('{mock}', mockUrl),
  );
  if (!command) throw new Error('empty gateway command');
  const script = args.find((arg) => arg.endsWith('.js'));
  if (script !== undefined && !existsSync(script)) {
    throw new Error(
      `gateway entry ${script} is missing: run \`npm run build\` (or BENCH_GATEWAY_CMD=floor to test the harness)`,
    );
  }
  log(`gateway: ${[command, ...args].join(' ')}`);
  const gateway = children.spawn('gateway', command, args, { env, cwd });
  const gatewayUrl = `http://127.0.0.1:${port}`;
  await waitForLiveness(gatewayUrl, gateway, LIVENESS_TIMEOUT_MS);
  log(
    `mock ${mockUrl} (pid ${mock.pid}), floor ${floorUrl} (pid ${floor.pid}), gateway ${gatewayUrl} (pid ${gateway.pid})`,
  );

  const targets: Target[] = [
    { name: 'direct', origin: mockUrl, serverPid: mock.pid, mockPid: mock.pid },
    { name: 'floor', origin: floorUrl, serverPid: floor.pid, mockPid: mock.pid },
    { name: 'gateway', origin: gatewayUrl, serverPid: gateway.pid, mockPid: mock.pid },
  ];
  const [direct, floorResult, gatewayResult] = await measureTargets(targets, settings, log);
  if (!direct || !floorResult || !gatewayResult) throw new Error('a target was not measured');

  const report = buildReport(settings, { direct, floor: floorResult, gateway: gatewayResult });
  process.stdout.write(`\n${formatReport(report)}\n\n`);
  writeFileSync(settings.paths.results, `${JSON.stringify(report, null, 2)}\n`);
  log(`results written to ${settings.paths.results}`);
  return report.checks.every((check) => check.pass);
}

async function main(): Promise<void> {
  const settings = readSettings(__dirname);
  const children = new ChildRegistry();
  const temp: TempConfig[] = [];
  const cleanUp = async (): Promise<void> => {
    await children.stopAll();
    for (const config of temp) config.remove();
  };
  process.once('exit', () => children.killAllNow());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping children`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  const started = Date.now();
  try {
    const allPassed = await run(settings, children, temp);
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
