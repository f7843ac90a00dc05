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

/** Connects, or fails after `timeoutMs` with a message naming the address (never the password). */
export async function connectRedis(redis: Redis, settings: RedisSettings, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`Redis at ${settings.host}:${settings.port} is unreachable after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
