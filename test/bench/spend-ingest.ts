import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { BenchStores } from './bench-stores';
import type { ChildRegistry } from './child-process';
import { cpuSeconds } from './proc-stats';

/** The queue the gateway hands spend batches to (`SPEND_EVENTS_QUEUE` in libs/spend). */
const SPEND_EVENTS_QUEUE = 'spend-events';
const POLL_MS = 250;
/** The ledger stopped growing: no new row for this long. */
const IDLE_MS = 2_000;
/** Nothing at all arrived for this long after the worker started. */
const NOTHING_MS = 15_000;
const MAX_MS = 120_000;
const WORKER_READY_TIMEOUT_MS = 30_000;

export interface IngestResult {
  /** spend_logs rows before the worker started (0 expected: the gateway only enqueues). */
  rowsBefore: number;
  /** spend_logs rows once the count stopped growing, by status. */
  rows: number;
  successRows: number;
  failureRows: number;
  /** Rows added between the first and the last poll that saw the count change, and the time between them. */
  windowRows: number;
  windowSeconds: number;
  eventsPerSec: number;
  /** Worker process CPU (user + system) per row written after it said it started. */
  workerCpuUsPerEvent: number;
  /** Jobs still in the queue when the count stopped growing. */
  queueLeft: { waiting: number; active: number; delayed: number; failed: number };
  stoppedBecause: 'idle' | 'nothing arrived' | 'time limit' | 'worker exited';
}

interface Options {
  children: ChildRegistry;
  /** argv of the worker. */
  command: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stores: BenchStores;
  log: (message: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function queueLeft(stores: BenchStores): Promise<IngestResult['queueLeft']> {
  const queue = new Queue(SPEND_EVENTS_QUEUE, {
    connection: { host: stores.redisHost, port: stores.redisPort, maxRetriesPerRequest: 1 },
    prefix: stores.queuePrefix,
  });
  try {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return {
      waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
      active: counts['active'] ?? 0,
      delayed: counts['delayed'] ?? 0,
      failed: counts['failed'] ?? 0,
    };
  } finally {
    await queue.close();
  }
}

/**
 * Starts one worker on the queue the spend-on gateway filled and times how fast `spend_logs` grows,
 * polling its row count every 250 ms until it has not grown for 2 s; then stops the worker (SIGTERM).
 */
export async function measureIngestion(options: Options): Promise<IngestResult> {
  const { children, command, env, cwd, stores, log } = options;
  const db = new Client({ connectionString: stores.databaseUrl });
  await db.connect();
  const count = async (): Promise<number> =>
    Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM spend_logs')).rows[0]?.n ?? NaN);
  try {
    const rowsBefore = await count();
    const left = await queueLeft(stores);
    log(
      `worker: ${left.waiting} spend batches waiting in the queue, ${rowsBefore} rows in spend_logs; starting one worker`,
    );
    const [executable, ...args] = command;
    if (!executable) throw new Error('empty worker command');
    const worker = children.spawn('worker', executable, args, { env, cwd });
    try {
      await worker.waitForLine(/(Switchyard worker started)/, WORKER_READY_TIMEOUT_MS);
      const cpuBefore = cpuSeconds(worker.pid);
      const rowsAtStart = await count();
      const started = Date.now();
      let last = rowsAtStart;
      let first: { at: number; rows: number } | undefined;
      let latest: { at: number; rows: number } | undefined;
      let stoppedBecause: IngestResult['stoppedBecause'];
      for (;;) {
        await sleep(POLL_MS);
        const now = Date.now();
        const rows = await count();
        if (rows !== last) {
          last = rows;
          latest = { at: now, rows };
          first ??= latest;
        }
        if (worker.exited !== undefined) {
          stoppedBecause = 'worker exited';
          break;
        }
        if (latest !== undefined && now - latest.at >= IDLE_MS) {
          stoppedBecause = 'idle';
          break;
        }
        if (latest === undefined && now - started >= NOTHING_MS) {
          stoppedBecause = 'nothing arrived';
          break;
        }
        if (now - started >= MAX_MS) {
          stoppedBecause = 'time limit';
          break;
        }
      }
      const workerCpu = worker.exited === undefined ? cpuSeconds(worker.pid) - cpuBefore : NaN;
      const rows = await count();
      const byStatus = await db.query<{ status: string; n: string }>(
        'SELECT status, count(*) AS n FROM spend_logs GROUP BY status',
      );
      const ofStatus = (status: string): number =>
        Number(byStatus.rows.find((row) => row.status === status)?.n ?? 0);
      const windowRows = first && latest ? latest.rows - first.rows : 0;
      const windowSeconds = first && latest ? (latest.at - first.at) / 1000 : 0;
      const result: IngestResult = {
        rowsBefore,
        rows,
        successRows: ofStatus('success'),
        failureRows: ofStatus('failure'),
        windowRows,
        windowSeconds,
        eventsPerSec: windowSeconds > 0 ? windowRows / windowSeconds : NaN,
        workerCpuUsPerEvent: rows > rowsAtStart ? (workerCpu * 1e6) / (rows - rowsAtStart) : NaN,
        queueLeft: await queueLeft(stores),
        stoppedBecause,
      };
      if (stoppedBecause === 'worker exited') {
        log(`worker exited (${worker.exited ?? '?'}):\n${worker.outputTail()}`);
      }
      return result;
    } finally {
      await worker.stop(10_000);
    }
  } finally {
    await db.end();
  }
}
