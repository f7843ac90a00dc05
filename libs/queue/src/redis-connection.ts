import type { RedisSettings } from '@switchyard/config';
import { Redis } from 'ioredis';

/** A BullMQ-ready connection (BullMQ requires `maxRetriesPerRequest: null`). */
export function createRedisConnection(settings: RedisSettings): Redis {
  return new Redis({
    host: settings.host,
    port: settings.port,
    ...(settings.password ? { password: settings.password } : {}),
    maxRetriesPerRequest: null,
    lazyConnect: true,
  });
}

/**
 * Connects, letting ioredis retry, until Redis is ready; after `timeoutMs` fails with a message
 * naming the address and the last error (never the password).
 */
export async function connectRedis(redis: Redis, settings: RedisSettings, timeoutMs: number): Promise<void> {
  let lastError = 'no answer';
  const recordError = (error: Error) => (lastError = error.message);
  redis.on('error', recordError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((done, fail) => {
      timer = setTimeout(() => {
        redis.disconnect();
        fail(
          new Error(
            `Redis at ${settings.host}:${settings.port} is unreachable after ${timeoutMs} ms (${lastError})`,
          ),
        );
      }, timeoutMs);
      redis.once('ready', () => done());
      redis.connect().catch(() => undefined);
    });
  } finally {
    clearTimeout(timer);
    redis.off('error', recordError);
  }
}

/**
 * A connection for the request path: no offline queue, so with Redis down a command fails at once
 * (the caller falls back) instead of waiting for a reconnect. Connection errors are the callers'
 * to report.
 */
export function createFailFastRedis(settings: RedisSettings): Redis {
  const redis = new Redis({
    host: settings.host,
    port: settings.port,
    ...(settings.password ? { password: settings.password } : {}),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', () => undefined);
  return redis;
}
