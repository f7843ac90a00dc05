import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { createFailFastRedis } from '@switchyard/queue';
import type { Redis } from 'ioredis';

/** How long readiness waits for Redis to answer PING. */
export const REDIS_PING_TIMEOUT_MS = 1000;

export type RedisState = 'connected' | 'unreachable';

/** Whether the configured Redis answers, for `/health/readiness`; a connection of its own. */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  private readonly redis: Redis | undefined;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.redis = config.redis ? createFailFastRedis(config.redis) : undefined;
  }

  get configured(): boolean {
    return this.redis !== undefined;
  }

  /** Undefined when no Redis is configured. */
  async state(): Promise<RedisState | undefined> {
    if (!this.redis) return undefined;
    return (await pingWithin(this.redis, REDIS_PING_TIMEOUT_MS)) ? 'connected' : 'unreachable';
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

/** Whether `redis` answers PONG within `timeoutMs` (with no offline queue, a lost connection fails at once). */
export async function pingWithin(redis: { ping(): Promise<string> }, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((done) => (timer = setTimeout(() => done(false), timeoutMs)));
  const ping = redis.ping().then(
    (answer) => answer === 'PONG',
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
