import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig, type RedisSettings } from '@switchyard/config';
import { connectRedis, createRedisConnection, QUEUE_NAMES } from '@switchyard/queue';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

const DEFAULT_REDIS: RedisSettings = { host: '127.0.0.1', port: 6379, password: undefined };
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The worker's link to Redis: connects at start (failing fast when Redis is unreachable) and
 * opens the queues. Consumers register here as the spend issue adds them.
 */
@Injectable()
export class QueueConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly settings: RedisSettings;
  private readonly redis: Redis;
  private readonly queues: Queue[] = [];

  private readonly prefix: string;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.prefix = config.queuePrefix;
    this.settings = config.redis ?? DEFAULT_REDIS;
    if (!config.redis) this.logger.warn('REDIS_HOST is not set: using 127.0.0.1:6379');
    this.redis = createRedisConnection(this.settings);
  }

  async onModuleInit(): Promise<void> {
    await connectRedis(this.redis, this.settings, CONNECT_TIMEOUT_MS);
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection: this.redis, prefix: this.prefix });
      await queue.waitUntilReady();
      this.queues.push(queue);
    }
    this.logger.log(
      `connected to Redis at ${this.settings.host}:${this.settings.port}; queues: ${QUEUE_NAMES.join(', ')}`,
    );
  }

  /** The open queues (for the queue-depth gauge). */
  get all(): readonly Queue[] {
    return this.queues;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.redis.disconnect();
  }
}
