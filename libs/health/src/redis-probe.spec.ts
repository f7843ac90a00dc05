import type { GatewayConfig } from '@switchyard/config';
import { describe, expect, it } from 'vitest';

import { pingWithin, RedisProbe } from './redis-probe';

describe('pingWithin', () => {
  it('is true on PONG', async () => {
    expect(await pingWithin({ ping: () => Promise.resolve('PONG') }, 100)).toBe(true);
  });

  it('is false when the command fails or does not answer in time', async () => {
    expect(await pingWithin({ ping: () => Promise.reject(new Error('Stream not writeable')) }, 100)).toBe(
      false,
    );
    expect(await pingWithin({ ping: () => new Promise<'PONG'>(() => undefined) }, 20)).toBe(false);
  });
});

describe('RedisProbe', () => {
  it('reports nothing when no Redis is configured', async () => {
    const probe = new RedisProbe({ redis: undefined } as unknown as GatewayConfig);
    expect(probe.configured).toBe(false);
    expect(await probe.state()).toBeUndefined();
    probe.onApplicationShutdown();
  });

  it('reports unreachable when nothing listens', async () => {
    const probe = new RedisProbe({
      redis: { host: '127.0.0.1', port: 1, password: undefined },
    } as unknown as GatewayConfig);
    expect(probe.configured).toBe(true);
    expect(await probe.state()).toBe('unreachable');
    probe.onApplicationShutdown();
  });
});
