import { EventEmitter } from 'node:events';

import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig, type RedisSettings } from '@switchyard/config';
import { connectRedis } from '@switchyard/queue';
import { Redis } from 'ioredis';

/** A change that makes cached identities stale. */
export type IdentityEvent =
  | { readonly type: 'keys'; readonly hashes: readonly string[] }
  | { readonly type: 'team'; readonly id: string }
  | { readonly type: 'user'; readonly id: string }
  | { readonly type: 'models' }
  /** Budgets that restarted a period: their spend counters start again from 0. */
  | { readonly type: 'budget-reset'; readonly scopes: readonly string[] };

const CHANNEL = 'switchyard:identity-events';
const REDIS_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Carries identity changes to every replica: Redis pub/sub when Redis is configured, an
 * in-process emitter otherwise. A publisher also delivers locally without waiting for Redis.
 */
@Injectable()
export class IdentityEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('IdentityEvents');
  private readonly local = new EventEmitter();
  private readonly publisher: Redis | undefined;
  private readonly subscriber: Redis | undefined;
  private readonly settings: RedisSettings | undefined;
  private readonly origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.settings = config.redis;
    if (config.redis) {
      const options = {
        host: config.redis.host,
        port: config.redis.port,
        ...(config.redis.password ? { password: config.redis.password } : {}),
        lazyConnect: true,
        maxRetriesPerRequest: 1,
      };
      this.publisher = new Redis(options);
      this.subscriber = new Redis(options);
      for (const redis of [this.publisher, this.subscriber]) {
        redis.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
      }
    }
  }

  async onModuleInit(): Promise<void> {
    if (!this.subscriber || !this.publisher || !this.settings) return;
    // Start-up fails clearly, after a bounded wait, when the configured Redis is unreachable.
    await Promise.all([
      connectRedis(this.subscriber, this.settings, REDIS_CONNECT_TIMEOUT_MS),
      connectRedis(this.publisher, this.settings, REDIS_CONNECT_TIMEOUT_MS),
    ]);
    this.subscriber.on('message', (_channel: string, message: string) => {
      const { origin, event } = JSON.parse(message) as { origin: string; event: IdentityEvent };
      if (origin !== this.origin) this.local.emit('event', event);
    });
    await this.subscriber.subscribe(CHANNEL);
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }

  on(listener: (event: IdentityEvent) => void): void {
    this.local.on('event', listener);
  }

  /** Delivers at once in this process and, through Redis, to the others; never throws. */
  publish(event: IdentityEvent): void {
    this.local.emit('event', event);
    this.publisher?.publish(CHANNEL, JSON.stringify({ origin: this.origin, event })).catch((error: Error) => {
      this.logger.warn(`could not publish an identity change: ${error.message}`);
    });
  }
}
