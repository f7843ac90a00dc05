import type { MockDirective } from './types';

export type FailStatus = 400 | 401 | 429 | 500;

export interface Directives {
  failStatus: FailStatus | undefined;
  slowMs: number;
  slowChunksMs: number | undefined;
  drop: boolean;
  dropMidStream: boolean;
  malformedStream: boolean;
  malformedJson: boolean;
  usageNone: boolean;
}

export const NO_DIRECTIVES: Readonly<Directives> = Object.freeze({
  failStatus: undefined,
  slowMs: 0,
  slowChunksMs: undefined,
  drop: false,
  dropMidStream: false,
  malformedStream: false,
  malformedJson: false,
  usageNone: false,
});

const FAIL = /fail-(400|401|429|500)/;
const SLOW_CHUNKS = /slowchunks-(\d+)/;
const SLOW = /slow-(\d+)/;
const DROP = /\bdrop\b/;

/** Reads the directives embedded in a model or deployment name, e.g. `gpt-4o-slow-200-usage-none`. */
export function parseDirectives(name: string): Readonly<Directives> {
  if (!name.includes('-') && name !== 'drop') return NO_DIRECTIVES;
  const fail = FAIL.exec(name);
  const slowChunks = SLOW_CHUNKS.exec(name);
  const slow = SLOW.exec(name);
  const dropMidStream = name.includes('drop-mid-stream');
  const rest = dropMidStream ? name.replace('drop-mid-stream', '') : name;
  return {
    failStatus: fail ? (Number(fail[1]) as FailStatus) : undefined,
    slowMs: slow ? Number(slow[1]) : 0,
    slowChunksMs: slowChunks ? Number(slowChunks[1]) : undefined,
    drop: DROP.test(rest),
    dropMidStream,
    malformedStream: name.includes('malformed-stream'),
    malformedJson: name.includes('malformed-json'),
    usageNone: name.includes('usage-none'),
  };
}

/** Scripted directives win over the ones in the model name. */
export function mergeDirectives(base: Readonly<Directives>, scripted: Readonly<Directives>): Directives {
  return {
    failStatus: scripted.failStatus ?? base.failStatus,
    slowMs: scripted.slowMs || base.slowMs,
    slowChunksMs: scripted.slowChunksMs ?? base.slowChunksMs,
    drop: scripted.drop || base.drop,
    dropMidStream: scripted.dropMidStream || base.dropMidStream,
    malformedStream: scripted.malformedStream || base.malformedStream,
    malformedJson: scripted.malformedJson || base.malformedJson,
    usageNone: scripted.usageNone || base.usageNone,
  };
}

/** FIFO of `failNext` scripts, each good for a number of requests. */
export class ScriptedFailures {
  private readonly queue: { directives: Readonly<Directives>; remaining: number }[] = [];

  push(directive: MockDirective, count: number): void {
    if (count > 0) this.queue.push({ directives: parseDirectives(directive), remaining: count });
  }

  take(): Readonly<Directives> | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queue.shift();
    return head.directives;
  }

  clear(): void {
    this.queue.length = 0;
  }
}
