import { dirname, join } from 'node:path';

import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { Queue } from 'bullmq';
import { processLifecycle } from '@switchyard/kernel';
import { createFailFastRedis } from '@switchyard/queue';
import type { Redis } from 'ioredis';

import { SPEND_BATCH_JOB, SPEND_EVENTS_QUEUE, type SpendBatch, type SpendEvent } from '../ledger/spend-event';
import { SpendIngestService } from '../ledger/spend-ingest.service';
import { SpendSpool } from './spend-spool';

const BATCH_SIZE = 200;
const FLUSH_AFTER_MS = 50;
const REPLAY_EVERY_MS = 1000;
const ENQUEUE_TIMEOUT_MS = 2000;
/** How long shutdown waits for cut requests to record their spend. */
const IDLE_WAIT_MS = 5000;

/**
 * Takes spend events off the request path: buffers them and hands them over in batches — to the
 * BullMQ queue when Redis is configured, straight to the ledger (in-process worker) otherwise. A
 * batch that cannot be handed over goes to the local spool and is replayed when possible.
 */
@Injectable()
export class SpendRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger('Spend');
  private buffer: SpendEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly replayTimer: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly queue: Queue<SpendBatch> | undefined;
  private readonly redis: Redis | undefined;
  private readonly spool: SpendSpool;
  private replaying = false;
  private readonly disabled: boolean;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly ingest: SpendIngestService,
  ) {
    // LiteLLM's switch: no spend logs at all (budgets and limits still count in Redis or memory).
    this.disabled = config.raw.generalSettings.disable_spend_logs === true;
    this.spool = new SpendSpool(join(dirname(config.embeddedDataDir), 'spool'));
    if (config.redis) {
      // No offline queue: with Redis down an add fails at once and the batch goes to the spool.
      this.redis = createFailFastRedis(config.redis);
      this.queue = new Queue<SpendBatch>(SPEND_EVENTS_QUEUE, {
        connection: this.redis,
        prefix: config.queuePrefix,
      });
      this.queue.on('error', () => undefined);
    }
    this.replayTimer = setInterval(() => void this.replay(), REPLAY_EVERY_MS);
    this.replayTimer.unref();
  }

  /** @hotpath Never blocks and never throws: the event is buffered. */
  record(event: SpendEvent): void {
    if (this.disabled) return;
    this.buffer.push(event);
    if (this.buffer.length >= BATCH_SIZE) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  /** Hands everything buffered over now; resolves when every hand-over in progress has ended. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.all([...this.inFlight]);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.replayTimer);
    // The listener is closed by now; requests it cut still record their spend as they unwind.
    await processLifecycle.idle(IDLE_WAIT_MS);
    await this.drain();
    await this.replay();
    await this.queue?.close().catch(() => undefined);
    this.redis?.disconnect();
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    const handOver = this.deliver(events)
      .catch((error: Error) => {
        this.logger.warn(`spend batch of ${events.length} spooled to disk: ${error.message}`);
        this.spool.append(events);
      })
      .finally(() => this.inFlight.delete(handOver));
    this.inFlight.add(handOver);
  }

  private async deliver(events: SpendEvent[]): Promise<void> {
    if (!this.queue) {
      await this.ingest.ingest(events);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error('queue did not answer in time')), ENQUEUE_TIMEOUT_MS);
    });
    try {
      // The job id makes a re-sent batch a no-op in the queue; request ids make it one in the ledger.
      await Promise.race([
        this.queue.add(
          SPEND_BATCH_JOB,
          { events },
          {
            jobId: `batch-${(events[0] as SpendEvent).requestId}`,
            attempts: 20,
            backoff: { type: 'exponential', delay: 500 },
            removeOnComplete: 1000,
            removeOnFail: false,
          },
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async replay(): Promise<void> {
    if (this.replaying || !this.spool.hasPending()) return;
    this.replaying = true;
    try {
      const count = await this.spool.replay((events) => this.deliver(events));
      if (count > 0) this.logger.log(`replayed ${count} spooled spend events`);
    } catch {
      // Still unreachable: the spool stays for the next attempt.
    } finally {
      this.replaying = false;
    }
  }
}
