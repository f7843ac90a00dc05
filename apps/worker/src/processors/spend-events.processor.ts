import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { createRedisConnection } from '@switchyard/queue';
import { SPEND_EVENTS_QUEUE, SpendIngestService, type SpendBatch } from '@switchyard/spend';
import { Worker, type Job } from 'bullmq';

import { WorkerMetrics } from '../metrics/worker-metrics';

const DEFAULT_REDIS = { host: '127.0.0.1', port: 6379, password: undefined };

/**
 * Consumes spend batches into the ledger. A worker killed mid-batch loses nothing: its transaction
 * rolls back, the job's lock lapses, and the job runs again (request ids make that a no-op for
 * rows already written).
 */
@Injectable()
export class SpendEventsProcessor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SpendEvents');
  private worker: Worker<SpendBatch> | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly ingest: SpendIngestService,
    private readonly metrics: WorkerMetrics,
  ) {}

  onModuleInit(): void {
    this.worker = new Worker<SpendBatch>(SPEND_EVENTS_QUEUE, (job) => this.process(job), {
      connection: createRedisConnection(this.config.redis ?? DEFAULT_REDIS),
      prefix: this.config.queuePrefix,
      concurrency: 1,
      // A killed worker's batch is picked up again after about this long.
      lockDuration: 5_000,
      stalledInterval: 5_000,
      maxStalledCount: 100,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`batch ${job?.id ?? '?'} failed, will retry: ${error.message}`),
    );
    this.worker.on('error', (error) => this.logger.warn(`queue: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for the batch in progress to finish before the process exits.
    await this.worker?.close();
  }

  private async process(job: Job<SpendBatch>): Promise<{ inserted: number }> {
    const done = this.metrics.startBatch(SPEND_EVENTS_QUEUE, job.data.events.length);
    let result: { inserted: number };
    try {
      result = await this.ingest.ingest(job.data.events);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    done(result);
    this.logger.debug?.(`batch ${job.id}: ${result.inserted}/${job.data.events.length} new`);
    return result;
  }
}
