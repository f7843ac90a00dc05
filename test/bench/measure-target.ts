import type { BenchSettings } from './bench-settings';
import { runLoad, type LoadResult } from './load-run';
import { cpuSeconds, currentRssMiB, peakRssMiB } from './proc-stats';
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
}

type Log = (message: string) => void;

async function measureLoad(
  target: Target,
  settings: BenchSettings,
  log: Log,
): Promise<Pick<TargetResult, 'saturation' | 'c32'>> {
  const { origin } = target;
  log(
    `${target.name}: warm-up ${settings.warmupSeconds}s, then ${settings.saturationSeconds}s at ${settings.saturationConnections} connections`,
  );
  await runLoad(origin, settings.saturationConnections, settings.warmupSeconds);
  const serverCpuBefore = cpuSeconds(target.serverPid);
  const mockCpuBefore = cpuSeconds(target.mockPid);
  const load = await runLoad(origin, settings.saturationConnections, settings.saturationSeconds);
  const perRequestUs = (before: number, after: number): number =>
    load.completed > 0 ? ((after - before) * 1e6) / load.completed : NaN;
  const saturation: SaturationResult = {
    ...load,
    serverCpuUsPerRequest: perRequestUs(serverCpuBefore, cpuSeconds(target.serverPid)),
    mockCpuUsPerRequest: perRequestUs(mockCpuBefore, cpuSeconds(target.mockPid)),
  };
  log(`${target.name}: ${settings.c32Seconds}s at 32 connections`);
  const c32 = await runLoad(origin, 32, settings.c32Seconds);
  return { saturation, c32 };
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
  const loads = new Map<TargetName, Pick<TargetResult, 'saturation' | 'c32'>>();
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
    return {
      name: target.name,
      origin: target.origin,
      ...load,
      c1: probe.latencyResult(),
      ttft: probe.ttftResult(),
      idleRssMiB: idleRss.get(target.name) ?? NaN,
      peakRssMiB: peakRssMiB(target.serverPid),
    };
  });
}
