import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, clock ticks. */
  cpuTicks: number;
}

let clockTicks: number | undefined;

/** `getconf CLK_TCK`, usually 100. */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** `pid` and all its live descendants (a gateway may fork cluster workers). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(stat.pid);
    children.set(stat.ppid, siblings);
  }
  const tree: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    tree.push(next);
    pending.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** CPU seconds (user + system) used so far by `pid` and its descendants. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) ticks += readStat(member)?.cpuTicks ?? 0;
  return ticks / clockTicksPerSecond();
}

/** Sum of VmHWM (peak resident set) over `pid` and its descendants, in MiB. */
export function peakRssMiB(pid: number): number {
  return sumStatusField(pid, 'VmHWM');
}

function sumStatusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const pattern = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm');
  let kib = 0;
  for (const member of processTree(pid)) {
    try {
      kib += Number(pattern.exec(readFileSync(`/proc/${member}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // The process went away between listing and reading.
    }
  }
  return kib / 1024;
}

/** Current VmRSS summed over `pid` and its descendants, in MiB. */
export function currentRssMiB(pid: number): number {
  return sumStatusField(pid, 'VmRSS');
}

/** Busy CPU seconds of the whole machine so far, all cores (`/proc/stat`: everything but idle and iowait). */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    const ticks = [user, nice, system, irq, softirq, steal].reduce<number>(
      (sum, value) => sum + (value ?? 0),
      0,
    );
    return ticks / clockTicksPerSecond();
  } catch {
    return NaN;
  }
}
