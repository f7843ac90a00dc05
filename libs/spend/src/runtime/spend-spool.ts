import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

import type { SpendEvent } from '../ledger/spend-event';

const PREFIX = 'spend-spool-';

/**
 * A local append-only file of spend events that could not be handed to the queue (Redis down).
 * Each process appends to its own file; a replay claims whole files by renaming them first, so two
 * processes never replay the same events.
 */
export class SpendSpool {
  private readonly file: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${PREFIX}${process.pid}.jsonl`);
  }

  /** Synchronous on purpose: the events are on disk before the call returns. */
  append(events: readonly SpendEvent[]): void {
    appendFileSync(this.file, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
  }

  hasPending(): boolean {
    return this.files().length > 0;
  }

  /** Claims every spool file, hands its events to `deliver`, and deletes it once delivered. */
  async replay(deliver: (events: SpendEvent[]) => Promise<void>): Promise<number> {
    let replayed = 0;
    for (const name of this.files()) {
      const claimed = join(this.dir, `${name}.replaying-${process.pid}`);
      try {
        renameSync(join(this.dir, name), claimed);
      } catch {
        continue;
      }
      const events = readFileSync(claimed, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as SpendEvent);
      try {
        for (let i = 0; i < events.length; i += 500) await deliver(events.slice(i, i + 500));
      } catch (error) {
        renameSync(claimed, join(this.dir, name));
        throw error;
      }
      unlinkSync(claimed);
      replayed += events.length;
    }
    return replayed;
  }

  private files(): string[] {
    return readdirSync(this.dir).filter((name) => name.startsWith(PREFIX) && name.endsWith('.jsonl'));
  }
}
