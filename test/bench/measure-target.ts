import type { BenchSettings } from './bench-settings';
import { runLoad, type LoadResult } from './load-run';
import { cpuSeconds, currentRssMiB, machineBusySeconds, peakRssMiB } from './proc-stats';
import { assertServesBench, probeInterleaved, SequentialProbe, type ProbeResult } from './sequential-probe';

export type TargetName = 'direct' | 'floor' | 'gateway';

export interface Target {
  name: TargetName;
  origin: string;
  /** The process answering `origin` (the mock itself for `direct`). */
  serverPid: number;
  mockPid: number;
}

export interface SaturationResult extends LoadResult {
  /** CPU (user + system) of the target's server process tree per completed request. */
  serverCpuUsPerRequest: number;
  mockCpuUsPerRequest: number;
  /**
   * Average cores busy outside the bench's own process tree during the run (Redis and PostgreSQL
   * included): noise from other work on the machine shows here.
   */
  otherCpuCores: number;
}

/** Every request the bench sent a target, warm-ups and checks included. */
export interface RequestTally {
  /** 2xx answers read. */
  ok: number;
  /** Answers with another status. */
  notOk: number;
  /** Sent by autocannon but unanswered when its run stopped (in flight, or timed out / failed). */
  unanswered: number;
}

export interface TargetResult {
  name: TargetName;
  origin: string;
  saturation: SaturationResult;
  c32: LoadResult;
  /** Sequential non-streamed requests, request → last byte. */
  c1: ProbeResult;
  /** Sequential streamed requests, request → first `data:` chunk. */
  ttft: ProbeResult;
  /** VmRSS of the server process tree before any load. */
  idleRssMiB: number;
  /** VmHWM of the server process tree after all runs. */
  peakRssMiB: number;
  requests: RequestTally;
}

type Log = (message: string) => void;

const BENCH_CHECK_REQUESTS = 2;

function tallyLoads(runs: readonly LoadResult[]): RequestTally {
  const tally: RequestTally = { ok: 0, notOk: 0, unanswered: 0 };
  for (const run of runs) {
    tally.ok += run.ok;
    tally.notOk += run.completed - run.ok;
    tally.unanswered += Math.max(0, run.sent - run.completed);
  }
  return tally;
}

/** Warm-up, then the measured run at `saturationConnections` with the server's CPU time around it. */
async function measureSaturation(
  target: Target,
  settings: BenchSettings,
  log: Log,
): Promise<{ warmup: LoadResult; saturation: SaturationResult }> {
  const { origin } = target;
  log(
    `${target.name}: warm-up ${settings.warmupSeconds}s, then ${settings.saturationSeconds}s at ${settings.saturationConnections} connections`,
  );
  const warmup = await runLoad(origin, settings.saturationConnections, settings.warmupSeconds);
  const serverCpuBefore = cpuSeconds(target.serverPid);
  const mockCpuBefore = cpuSeconds(target.mockPid);
  const machineBefore = machineBusySeconds();
  const benchBefore = cpuSeconds(process.pid);
  const load = await runLoad(origin, settings.saturationConnections, settings.saturationSeconds);
  const benchCpu = cpuSeconds(process.pid) - benchBefore;
  const machineCpu = machineBusySeconds() - machineBefore;
  const perRequestUs = (before: number, after: number): number =>
    load.completed > 0 ? ((after - before) * 1e6) / load.completed : NaN;
  const saturation: SaturationResult = {
    ...load,
    serverCpuUsPerRequest: perRequestUs(serverCpuBefore, cpuSeconds(target.serverPid)),
    mockCpuUsPerRequest: perRequestUs(mockCpuBefore, cpuSeconds(target.mockPid)),
    otherCpuCores: Math.max(0, machineCpu - benchCpu) / load.durationS,
  };
  return { warmup, saturation };
}

async function measureLoad(
  target: Target,
  settings: BenchSettings,
  log: Log,
): Promise<Pick<TargetResult, 'saturation' | 'c32'> & { tally: RequestTally }> {
  const { warmup, saturation } = await measureSaturation(target, settings, log);
  log(`${target.name}: ${settings.c32Seconds}s at 32 connections`);
  const c32 = await runLoad(target.origin, 32, settings.c32Seconds);
  return { saturation, c32, tally: tallyLoads([warmup, saturation, c32]) };
}

/** The bench-request check and the saturation run alone, for a second configuration of one target. */
export async function measureSaturationOnly(
  target: Target,
  settings: BenchSettings,
  log: Log,
): Promise<SaturationResult> {
  await assertServesBench(target.name, target.origin);
  return (await measureSaturation(target, settings, log)).saturation;
}

/** Load runs target by target, then the sequential probes interleaved across targets. */
export async function measureTargets(
  targets: readonly Target[],
  settings: BenchSettings,
  log: Log,
): Promise<TargetResult[]> {
  const idleRss = new Map<TargetName, number>();
  for (const target of targets) {
    idleRss.set(target.name, currentRssMiB(target.serverPid));
    await assertServesBench(target.name, target.origin);
  }
  const loads = new Map<TargetName, Awaited<ReturnType<typeof measureLoad>>>();
  for (const target of targets) loads.set(target.name, await measureLoad(target, settings, log));

  log(
    `all: ${settings.sequentialRequests} sequential requests and ${settings.ttftRequests} sequential streams per target, interleaved`,
  );
  const probes = targets.map((target) => new SequentialProbe(target.origin));
  try {
    await probeInterleaved(probes, settings.sequentialRequests, settings.ttftRequests);
  } finally {
    await Promise.all(probes.map((probe) => probe.close()));
  }

  return targets.map((target, index) => {
    const load = loads.get(target.name);
    const probe = probes[index];
    if (!load || !probe) throw new Error(`${target.name} was not measured`);
    const { tally, ...runs } = load;
    const probed = probe.answered();
    return {
      name: target.name,
      origin: target.origin,
      ...runs,
      c1: probe.latencyResult(),
      ttft: probe.ttftResult(),
      idleRssMiB: idleRss.get(target.name) ?? NaN,
      peakRssMiB: peakRssMiB(target.serverPid),
      requests: {
        ok: tally.ok + probed.ok + BENCH_CHECK_REQUESTS,
        notOk: tally.notOk + probed.notOk,
        unanswered: tally.unanswered,
      },
    };
  });
}
