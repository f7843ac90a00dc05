import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { createFailFastRedis } from '@switchyard/queue';
import type { Redis } from 'ioredis';

import { DeploymentStats } from './deployment-stats';

const FLUSH_INTERVAL_MS = 1000;
const USAGE_STRATEGIES = new Set(['usage-based-routing', 'usage-based-routing-v2']);

/**
 * usage-based-routing with Redis: each replica adds its per-minute requests and tokens to shared
 * counters once a second and reads back the totals, so headroom is judged across replicas
 * without a round trip per request.
 */
@Injectable()
export class SharedUsage implements OnModuleInit, OnApplicationShutdown {
  private readonly redis: Redis | undefined;
  private readonly prefix: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly stats: DeploymentStats,
  ) {
    this.prefix = `${config.queuePrefix}:router:usage`;
    if (config.redis && USAGE_STRATEGIES.has(config.routing.strategy)) {
      this.redis = createFailFastRedis(config.redis);
    }
  }

  onModuleInit(): void {
    if (!this.redis) return;
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.redis?.disconnect();
  }

  private async flush(): Promise<void> {
    if (!this.redis) return;
    const deltas = this.stats.takeUnreported();
    if (deltas.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { id, minute, requests, tokens } of deltas) {
      const key = `${this.prefix}:${id}:${minute}`;
      pipeline.hincrby(key, 'requests', requests).hincrby(key, 'tokens', tokens).expire(key, 120);
    }
    try {
      const results = (await pipeline.exec()) ?? [];
      deltas.forEach(({ id, minute }, index) => {
        const requests = results[index * 3]?.[1];
        const tokens = results[index * 3 + 1]?.[1];
        if (typeof requests === 'number' && typeof tokens === 'number') {
          this.stats.setShared(id, minute, requests, tokens);
        }
      });
    } catch {
      // Redis unreachable: routing uses this replica's own counts meanwhile.
    }
  }
}
