import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';

/** One id per test run, shared by every test file; the run's Redis keys are removed at the end. */
export function setup(): () => Promise<void> {
  const run = randomBytes(4).toString('hex');
  process.env.SWITCHYARD_TEST_RUN = run;
  return async () => {
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `switchyard-test-${run}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } catch {
      // Redis is not running: nothing of this run is in it.
    } finally {
      redis.disconnect();
    }
  };
}
