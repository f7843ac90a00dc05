import { cpus } from 'node:os';
import type { BenchSettings } from './bench-settings';
import type { RequestTally, SaturationResult, TargetName, TargetResult } from './measure-target';
import type { IngestResult } from './spend-ingest';

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

/** What the run measured beyond the three targets. */
export interface SpendInput {
  /** Saturation run of a second gateway process with `disable_spend_logs: true`. */
  off: SaturationResult;
  /** One worker draining the spend-on gateway's queue; undefined when skipped. */
  ingest: IngestResult | undefined;
  warnings: string[];
}

export interface SpendReport {
  /** Gateway CPU µs per request at saturation, spend on (= targets.gateway) and off. */
  cpuUsPerRequestOn: number;
  cpuUsPerRequestOff: number;
  cpuRatioOnToOff: number;
  requestsPerSecOn: number;
  requestsPerSecOff: number;
  /** The two c64 runs (`on` is `targets.gateway.saturation`). */
  on: SaturationResult;
  off: SaturationResult;
  /** Spend events per second one worker wrote into spend_logs, and how. */
  ingest: IngestResult | null;
  /** spend_logs rows against the 2xx answers of every request sent to the spend-on gateway. */
  ledger: {
    rows: number;
    /** 2xx answers read from the spend-on gateway, every request of the run (warm-ups, checks, probes). */
    successfulRequests: number;
    matches: boolean;
    /** 2xx + other answers + requests autocannon left unanswered when a run stopped (they reach the gateway too). */
    requestsSent: number;
    matchesRequestsSent: boolean;
    gatewayRequests: RequestTally;
  } | null;
}

export interface BenchReport {
  generatedAt: string;
  node: string;
  cpus: number;
  gatewayCommand: string[];
  workerCommand: string[] | null;
  settings: Omit<BenchSettings, 'paths' | 'gatewayCommand' | 'workerCommand' | 'strict'>;
  targets: Record<TargetName, TargetResult>;
  /** Versus direct, at concurrency 1. */
  added: { floor: AddedLatency; gateway: AddedLatency };
  /** With spend tracking on, the real configuration. */
  cpuRatioGatewayToFloor: number;
  spend: SpendReport;
  checks: Check[];
  warnings: string[];
}

const added = (target: TargetResult, direct: TargetResult): AddedLatency => ({
  p50Ms: target.c1.p50Ms - direct.c1.p50Ms,
  p99Ms: target.c1.p99Ms - direct.c1.p99Ms,
  ttftP50Ms: target.ttft.p50Ms - direct.ttft.p50Ms,
  ttftP99Ms: target.ttft.p99Ms - direct.ttft.p99Ms,
});

/** Average cores busy elsewhere during a c64 run above which the gateway's CPU figures are flagged. */
const OTHER_CPU_WARN_CORES = 0.2;

function buildSpendReport(gateway: TargetResult, input: SpendInput, warnings: string[]): SpendReport {
  const { off, ingest } = input;
  const on = gateway.saturation;
  const sent = gateway.requests.ok + gateway.requests.notOk + gateway.requests.unanswered;
  const ledger =
    ingest === undefined
      ? null
      : {
          rows: ingest.rows,
          successfulRequests: gateway.requests.ok,
          matches: ingest.rows === gateway.requests.ok,
          requestsSent: sent,
          matchesRequestsSent: ingest.rows === sent,
          gatewayRequests: gateway.requests,
        };
  if (ledger && !ledger.matchesRequestsSent) {
    const { ok, notOk, unanswered } = ledger.gatewayRequests;
    warnings.push(
      `spend ledger: ${ledger.rows} rows in spend_logs (${ingest?.successRows ?? '?'} success, ${ingest?.failureRows ?? '?'} failure) ` +
        `vs ${ok} successful requests to the spend-on gateway (${signedInt(ledger.rows - ok)}) and ${sent} requests sent ` +
        `(${signedInt(ledger.rows - sent)}; ${notOk} non-2xx answers, ${unanswered} left unanswered by autocannon)`,
    );
  }
  if (ingest) {
    if (ingest.rowsBefore !== 0)
      warnings.push(`spend_logs held ${ingest.rowsBefore} rows before the worker started`);
    if (ingest.stoppedBecause !== 'idle')
      warnings.push(`worker ingestion stopped early: ${ingest.stoppedBecause}`);
    const { waiting, active, delayed, failed } = ingest.queueLeft;
    if (waiting + active + delayed + failed > 0) {
      warnings.push(
        `spend queue not empty after ingestion: ${waiting} waiting, ${active} active, ${delayed} delayed, ${failed} failed`,
      );
    }
  }
  for (const [label, run] of [
    ['gateway (spend on)', on],
    ['gateway (spend off)', off],
  ] as const) {
    if (run.otherCpuCores > OTHER_CPU_WARN_CORES) {
      warnings.push(
        `${label} c=64: ${fixed(run.otherCpuCores, 2)} cores busy outside the bench's processes (other work, Redis, PostgreSQL): ` +
          'CPU per request and the on/off ratio may be noisy',
      );
    }
  }
  if (off.non2xx + off.errors + off.timeouts > 0) {
    warnings.push(
      `gateway (spend off) c=64: ${off.non2xx} non-2xx, ${off.errors} errors, ${off.timeouts} timeouts`,
    );
  }
  return {
    cpuUsPerRequestOn: on.serverCpuUsPerRequest,
    cpuUsPerRequestOff: off.serverCpuUsPerRequest,
    cpuRatioOnToOff: on.serverCpuUsPerRequest / off.serverCpuUsPerRequest,
    requestsPerSecOn: on.requestsPerSec,
    requestsPerSecOff: off.requestsPerSec,
    on,
    off,
    ingest: ingest ?? null,
    ledger,
  };
}

export function buildReport(
  settings: BenchSettings,
  targets: Record<TargetName, TargetResult>,
  spendInput: SpendInput,
): BenchReport {
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
  const warnings: string[] = [...spendInput.warnings];
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
  const spend = buildSpendReport(gateway, spendInput, warnings);
  return {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    gatewayCommand: settings.gatewayCommand,
    workerCommand: settings.workerCommand ?? null,
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
    spend,
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
function signedInt(value: number): string {
  return `${value >= 0 ? '+' : ''}${value}`;
}

const verdict = (actual: number, expected: number): string =>
  actual === expected ? 'yes' : `NO (${signedInt(actual - expected)})`;

function formatSpend(spend: SpendReport): string {
  const throughput = table(
    ['spend tracking, gateway at c64', 'req/s', 'CPU µs/req', 'cores busy elsewhere'],
    [
      [
        'spend on (events queued in Redis)',
        fixed(spend.requestsPerSecOn, 0),
        fixed(spend.cpuUsPerRequestOn, 1),
        fixed(spend.on.otherCpuCores, 2),
      ],
      [
        'spend off (disable_spend_logs)',
        fixed(spend.requestsPerSecOff, 0),
        fixed(spend.cpuUsPerRequestOff, 1),
        fixed(spend.off.otherCpuCores, 2),
      ],
      [
        'on / off',
        `${fixed(spend.requestsPerSecOn / spend.requestsPerSecOff, 2)}x`,
        `${fixed(spend.cpuRatioOnToOff, 2)}x`,
        '',
      ],
    ],
  );
  const throughputNote =
    'Cores busy elsewhere: machine CPU outside the bench process tree during the run (Redis, PostgreSQL, other work).';
  const { ingest, ledger } = spend;
  if (!ingest || !ledger) return [throughput, throughputNote, '(worker ingestion skipped)'].join('\n');
  const ingestion = table(
    ['one worker → PostgreSQL', 'value'],
    [
      ['spend events/s ingested', fixed(ingest.eventsPerSec, 0)],
      ['worker CPU µs/event', fixed(ingest.workerCpuUsPerEvent, 1)],
      ['spend_logs rows', `${ingest.rows} (${ingest.successRows} success, ${ingest.failureRows} failure)`],
      ['successful requests (2xx), spend on', String(ledger.successfulRequests)],
      ['rows = successful requests', verdict(ledger.rows, ledger.successfulRequests)],
      ['requests left unanswered by autocannon', String(ledger.gatewayRequests.unanswered)],
      ['rows = all requests sent', verdict(ledger.rows, ledger.requestsSent)],
    ],
  );
  return [
    throughput,
    throughputNote,
    '',
    ingestion,
    `events/s: rows added between the first and the last change of count(*) polled every 250 ms ` +
      `(${ingest.windowRows} rows in ${fixed(ingest.windowSeconds, 2)} s). Unanswered: in flight when an ` +
      `autocannon run stopped; the gateway still serves and records them.`,
  ].join('\n');
}

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
    `CPU per request, gateway (spend on) / floor: ${fixed(report.cpuRatioGatewayToFloor, 2)}x ` +
      `(${fixed(report.targets.gateway.saturation.serverCpuUsPerRequest, 1)} / ${fixed(report.targets.floor.saturation.serverCpuUsPerRequest, 1)} µs)`,
    '',
    formatSpend(report.spend),
    '',
    checks,
    ...(report.warnings.length > 0 ? ['', ...report.warnings.map((warning) => `WARNING: ${warning}`)] : []),
  ].join('\n');
}
