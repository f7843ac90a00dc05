import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BudgetAlertService, type BudgetAlertOutcome } from '@switchyard/spend';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

import { QueueConnection } from '../queue-connection';
import { collectProcessMetrics } from './process-metrics';

/** BullMQ's job states, as `getJobCounts` names them. */
const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'paused',
  'failed',
  'completed',
] as const;

/** A scrape never waits longer than this for Redis: the queue gauge is left out instead. */
const QUEUE_COUNT_TIMEOUT_MS = 1_000;

const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const INGEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * The worker's own registry (served by WorkerMetricsServer): queue depth read from Redis at scrape
 * time, spend batches (size, ingest latency, events written, duplicates skipped), budget alerts
 * sent, and Node's process metrics.
 */
@Injectable()
export class WorkerMetrics implements OnModuleInit {
  readonly registry = new Registry();
  private readonly batchSize: Histogram<'queue'>;
  private readonly ingestDuration: Histogram<'queue' | 'outcome'>;
  private readonly batches: Counter<'queue' | 'outcome'>;
  private readonly events: Counter<'queue' | 'result'>;
  private readonly alerts: Counter<'kind' | 'entity_type' | 'outcome'>;

  constructor(
    private readonly queues: QueueConnection,
    private readonly budgetAlerts: BudgetAlertService,
  ) {
    const registers = [this.registry];
    collectProcessMetrics(this.registry);
    const queueList = () => this.queues.all;
    new Gauge({
      name: 'switchyard_worker_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting is the backlog), read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          queueList().map(async (queue) => {
            try {
              const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), QUEUE_COUNT_TIMEOUT_MS);
              for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
            } catch {
              // Redis is not answering: no sample rather than a stale or made-up one.
            }
          }),
        );
      },
    });
    this.batchSize = new Histogram({
      name: 'switchyard_worker_spend_batch_size',
      help: 'Spend events per batch taken from the queue',
      labelNames: ['queue'] as const,
      buckets: BATCH_SIZE_BUCKETS,
      registers,
    });
    this.ingestDuration = new Histogram({
      name: 'switchyard_worker_spend_ingest_duration_seconds',
      help: 'Time to write one spend batch to the ledger (one transaction, then budget alerts)',
      labelNames: ['queue', 'outcome'] as const,
      buckets: INGEST_BUCKETS,
      registers,
    });
    this.batches = new Counter({
      name: 'switchyard_worker_spend_batches_total',
      help: 'Spend batches processed; failed ones are retried by the queue',
      labelNames: ['queue', 'outcome'] as const,
      registers,
    });
    this.events = new Counter({
      name: 'switchyard_worker_spend_events_ingested_total',
      help: 'Spend events from ingested batches: inserted into the ledger, or skipped as already written (retried batch)',
      labelNames: ['queue', 'result'] as const,
      registers,
    });
    this.alerts = new Counter({
      name: 'switchyard_worker_budget_alerts_total',
      help: 'Budget alerts (soft budget or budget crossed) sent to the alerting webhooks, or not delivered (retried later)',
      labelNames: ['kind', 'entity_type', 'outcome'] as const,
      registers,
    });
  }

  onModuleInit(): void {
    this.budgetAlerts.onAlert((outcome) => this.observeAlert(outcome));
  }

  /** A batch of `size` events is taken from `queue`; call the result with the outcome when it is over. */
  startBatch(queue: string, size: number): (result: { inserted: number } | Error) => void {
    const started = process.hrtime.bigint();
    this.batchSize.observe({ queue }, size);
    return (result) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const outcome = result instanceof Error ? 'failure' : 'success';
      this.ingestDuration.observe({ queue, outcome }, seconds);
      this.batches.inc({ queue, outcome });
      if (result instanceof Error) return;
      this.events.inc({ queue, result: 'inserted' }, result.inserted);
      this.events.inc({ queue, result: 'duplicate' }, Math.max(0, size - result.inserted));
    };
  }

  observeAlert(outcome: BudgetAlertOutcome): void {
    this.alerts.inc({
      kind: outcome.kind,
      entity_type: outcome.entityType,
      outcome: outcome.delivered ? 'sent' : 'failed',
    });
  }
}
