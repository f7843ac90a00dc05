import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

import { describeIdempotencyStore } from './idempotency-store.contract';
import { RedisIdempotencyStore } from './redis-idempotency-store';

const prefix = `switchyard-test-idem-${process.pid}-${Date.now()}`;
const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });

beforeAll(() => redis.connect());

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
});

describeIdempotencyStore(
  'RedisIdempotencyStore',
  (settings) => new RedisIdempotencyStore(redis, prefix, settings),
);
