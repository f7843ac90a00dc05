import { cpus } from 'node:os';
import type { BenchSettings } from './bench-settings';
import type { TargetName, TargetResult } from './measure-target';

export interface AddedLatency {
  p50Ms: number;
  p99Ms: number;
  ttftP50Ms: number;
  ttftP99Ms: number;
}

export interface Check {
  name: string;
  goal: string;
  actual: string;
  /** The floor proxy's own figure, to tell a gateway problem from a machine limit. */
  floorReference: string;
  pass: boolean;
}

export interface BenchReport {
  generatedAt: string;
  node: string;
  cpus: number;
  gatewayCommand: string[];
  settings: Omit<BenchSettings, 'paths' | 'gatewayCommand' | 'strict'>;
  targets: Record<TargetName, TargetResult>;
  /** Versus direct, at concurrency 1. */
  added: { floor: AddedLatency; gateway: AddedLatency };
  cpuRatioGatewayToFloor: number;
  checks: Check[];
  warnings: string[];
}

const added = (target: TargetResult, direct: TargetResult): AddedLatency => ({
  p50Ms: target.c1.p50Ms - direct.c1.p50Ms,
  p99Ms: target.c1.p99Ms - direct.c1.p99Ms,
  ttftP50Ms: target.ttft.p50Ms - direct.ttft.p50Ms,
  ttftP99Ms: target.ttft.p99Ms - direct.ttft.p99Ms,
});

export function buildReport(settings: BenchSettings, targets: Record<TargetName, TargetResult>): BenchReport {
  const { direct, floor, gateway } = targets;
  const gatewayAdded = added(gateway, direct);
  const floorAdded = added(floor, direct);
  const cpuRatio = gateway.saturation.serverCpuUsPerRequest / floor.saturation.serverCpuUsPerRequest;
  const ms = (value: number): string => `${value.toFixed(3)} ms`;
  const mb = (value: number): string => `${value.toFixed(1)} MB`;
  const checks: Check[] = [
    {
      name: 'CPU per request vs floor',
      goal: '<= 1.5x',
      actual: `${cpuRatio.toFixed(2)}x`,
      floorReference: '1.00x',
      pass: cpuRatio <= 1.5,
    },
    {
      name: 'added p50 latency, c=1',
      goal: '<= 0.3 ms',
      actual: ms(gatewayAdded.p50Ms),
      floorReference: ms(floorAdded.p50Ms),
      pass: gatewayAdded.p50Ms <= 0.3,
    },
    {
      name: 'added p99 latency, c=1',
      goal: '<= 1 ms',
      actual: ms(gatewayAdded.p99Ms),
      floorReference: ms(floorAdded.p99Ms),
      pass: gatewayAdded.p99Ms <= 1,
    },
    {
      name: 'added time to first token (p50)',
      goal: '<= 1 ms',
      actual: ms(gatewayAdded.ttftP50Ms),
      floorReference: ms(floorAdded.ttftP50Ms),
      pass: gatewayAdded.ttftP50Ms <= 1,
    },
    {
      name: 'gateway peak RSS under load',
      goal: '<= 150 MB',
      actual: mb(gateway.peakRssMiB),
      floorReference: mb(floor.peakRssMiB),
      pass: gateway.peakRssMiB <= 150,
    },
  ];
  const warnings: string[] = [];
  for (const target of Object.values(targets)) {
    for (const [label, run] of [
      ['c=64', target.saturation],
      ['c=32', target.c32],
    ] as const) {
      if (run.non2xx + run.errors + run.timeouts > 0) {
        warnings.push(
          `${target.name} ${label}: ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts`,
        );
      }
    }
    for (const [label, probe] of [
      ['c=1', target.c1],
      ['ttft', target.ttft],
    ] as const) {
      if (probe.errors > 0) warnings.push(`${target.name} ${label}: ${probe.errors} failed requests`);
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    gatewayCommand: settings.gatewayCommand,
    settings: {
      saturationSeconds: settings.saturationSeconds,
      warmupSeconds: settings.warmupSeconds,
      c32Seconds: settings.c32Seconds,
      saturationConnections: settings.saturationConnections,
      sequentialRequests: settings.sequentialRequests,
      ttftRequests: settings.ttftRequests,
    },
    targets,
    added: { floor: floorAdded, gateway: gatewayAdded },
    cpuRatioGatewayToFloor: cpuRatio,
    checks,
    warnings,
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const fixed = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const signed = (value: number): string => `${value >= 0 ? '+' : ''}${fixed(value, 3)}`;

export function formatReport(report: BenchReport): string {
  const names: TargetName[] = ['direct', 'floor', 'gateway'];
  const main = table(
    [
      'target',
      'req/s c64',
      'p50 c1 ms',
      'p99 c1 ms',
      'p50 c32 ms*',
      'p99 c32 ms*',
      'TTFT p50 ms',
      'TTFT p99 ms',
      'CPU µs/req',
      'RSS idle/peak MB',
    ],
    names.map((name) => {
      const t = report.targets[name];
      return [
        name === 'direct' ? 'direct (mock)' : name,
        fixed(t.saturation.requestsPerSec, 0),
        fixed(t.c1.p50Ms, 3),
        fixed(t.c1.p99Ms, 3),
        fixed(t.c32.p50Ms, 0),
        fixed(t.c32.p99Ms, 0),
        fixed(t.ttft.p50Ms, 3),
        fixed(t.ttft.p99Ms, 3),
        fixed(t.saturation.serverCpuUsPerRequest, 1),
        `${fixed(t.idleRssMiB, 0)} / ${fixed(t.peakRssMiB, 0)}`,
      ];
    }),
  );
  const addedTable = table(
    ['added vs direct (c=1)', 'p50 ms', 'p99 ms', 'TTFT p50 ms', 'TTFT p99 ms'],
    (['floor', 'gateway'] as const).map((name) => {
      const a = report.added[name];
      return [name, signed(a.p50Ms), signed(a.p99Ms), signed(a.ttftP50Ms), signed(a.ttftP99Ms)];
    }),
  );
  const checks = table(
    ['target', 'goal', 'gateway', 'floor (ref.)', 'result'],
    report.checks.map((check) => [
      check.name,
      check.goal,
      check.actual,
      check.floorReference,
      check.pass ? 'PASS' : 'MISS',
    ]),
  );
  return [
    main,
    '* autocannon, whole milliseconds. CPU µs/req: user+system time of the server process tree during the c64 run.',
    '',
    addedTable,
    '',
    `CPU per request, gateway / floor: ${fixed(report.cpuRatioGatewayToFloor, 2)}x ` +
      `(${fixed(report.targets.gateway.saturation.serverCpuUsPerRequest, 1)} / ${fixed(report.targets.floor.saturation.serverCpuUsPerRequest, 1)} µs)`,
    '',
    checks,
    ...(report.warnings.length > 0 ? ['', ...report.warnings.map((warning) => `WARNING: ${warning}`)] : []),
  ].join('\n');
}
