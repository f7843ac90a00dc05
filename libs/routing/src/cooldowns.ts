import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  GATEWAY_CONFIG,
  type ErrorClass,
  type GatewayConfig,
  type RedisSettings,
  type RoutingPolicy,
} from '@switchyard/config';
import { connectRedis } from '@switchyard/queue';
import { Redis } from 'ioredis';

const REDIS_CONNECT_TIMEOUT_MS = 10_000;

/** Provider answers that cool a deployment down at once: its key or its model is wrong. */
const IMMEDIATE_STATUSES = new Set([401, 404]);

/**
 * Deployments skipped after failing too often. The state lives in Redis (a key per cooldown, a
 * pub/sub message when one starts) so every replica skips them; each replica keeps a local copy,
 * so checking costs no round trip.
 */
@Injectable()
export class Cooldowns implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Cooldowns');
  private readonly until = new Map<string, number>();
  private readonly localFails = new Map<string, { minute: number; count: number }>();
  private readonly policy: RoutingPolicy;
  private readonly prefix: string;
  private readonly redis: Redis | undefined;
  private readonly subscriber: Redis | undefined;
  private readonly settings: RedisSettings | undefined;
  private readonly listeners: Array<(id: string, until: number) => void> = [];

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.policy = config.routing;
    this.prefix = `${config.queuePrefix}:router`;
    this.settings = config.redis;
    if (config.redis) {
      // Fail fast: with Redis down a command errors at once and the failure is counted locally.
      const options = {
        host: config.redis.host,
        port: config.redis.port,
        ...(config.redis.password ? { password: config.redis.password } : {}),
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      };
      this.redis = new Redis(options);
      this.subscriber = new Redis({ ...options, enableOfflineQueue: true });
      for (const redis of [this.redis, this.subscriber]) redis.on('error', () => undefined);
    }
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis || !this.subscriber || !this.settings) return;
    await Promise.all([
      connectRedis(this.redis, this.settings, REDIS_CONNECT_TIMEOUT_MS),
      connectRedis(this.subscriber, this.settings, REDIS_CONNECT_TIMEOUT_MS),
    ]);
    this.subscriber.on('message', (_channel: string, message: string) => {
      const [id, until] = message.split(' ');
      if (id && until) this.note(id, Number(until));
    });
    try {
      await this.subscriber.subscribe(`${this.prefix}:cooldowns`);
      await this.loadActive();
    } catch (error) {
      this.logger.warn(
        `cooldowns are local to this replica until Redis answers: ${(error as Error).message}`,
      );
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
    this.subscriber?.disconnect();
  }

  /** Told when this replica puts a deployment into cooldown (for metrics). */
  onCooldown(listener: (id: string, until: number) => void): void {
    this.listeners.push(listener);
  }

  /** Deployment id → when its cooldown ends (epoch ms), for the ones cooling down now. */
  active(): ReadonlyMap<string, number> {
    this.any();
    return this.until;
  }

  /** @hotpath Whether any deployment is cooling down (the common answer is no: no filtering). */
  any(now: number = Date.now()): boolean {
    if (this.until.size === 0) return false;
    for (const [id, until] of this.until) if (until <= now) this.until.delete(id);
    return this.until.size > 0;
  }

  /** @hotpath */
  isCooling(id: string, now: number = Date.now()): boolean {
    const until = this.until.get(id);
    return until !== undefined && until > now;
  }

  /** Seconds until the first of `ids` is available again (for "try again in N seconds"). */
  secondsUntilAvailable(ids: readonly string[]): number {
    const now = Date.now();
    const ends = ids.map((id) => this.until.get(id) ?? now);
    return Math.max(1, Math.ceil((Math.min(...ends) - now) / 1000));
  }

  /**
   * Counts a failure; past the allowed failures per minute (per error class with
   * `allowed_fails_policy`), or at once for 401/404, the deployment cools down. A deployment that
   * is alone in its group never does: cooling it would only turn errors into "no deployment".
   */
  async recordFailure(id: string, errorClass: ErrorClass, status: number, groupSize: number): Promise<void> {
    if (groupSize <= 1 || this.policy.cooldownSeconds <= 0) return;
    const allowed = this.policy.allowedFailsPolicy[errorClass] ?? this.policy.allowedFails;
    if (IMMEDIATE_STATUSES.has(status) || (await this.countFailure(id, errorClass)) > allowed) {
      await this.start(id);
    }
  }

  private async countFailure(id: string, errorClass: ErrorClass): Promise<number> {
    const minute = Math.floor(Date.now() / 60_000);
    const name = `${id}:${errorClass}`;
    if (this.redis) {
      const key = `${this.prefix}:fails:${name}:${minute}`;
      try {
        const [[, count]] = (await this.redis.multi().incr(key).expire(key, 120).exec()) as [
          [Error | null, number],
        ];
        return count;
      } catch {
        // Redis unreachable: count locally.
      }
    }
    const local = this.localFails.get(name);
    const count = local && local.minute === minute ? local.count + 1 : 1;
    this.localFails.set(name, { minute, count });
    return count;
  }

  private async start(id: string): Promise<void> {
    const until = Date.now() + this.policy.cooldownSeconds * 1000;
    this.note(id, until);
    for (const listener of this.listeners) listener(id, until);
    this.logger.warn(`deployment ${id} cools down for ${this.policy.cooldownSeconds}s`);
    if (!this.redis) return;
    try {
      await this.redis
        .multi()
        .set(`${this.prefix}:cooldown:${id}`, String(until), 'PX', this.policy.cooldownSeconds * 1000)
        .publish(`${this.prefix}:cooldowns`, `${id} ${until}`)
        .exec();
    } catch {
      // The other replicas learn of it through their own failures.
    }
  }

  private note(id: string, until: number): void {
    if (until > (this.until.get(id) ?? 0)) this.until.set(id, until);
  }

  private async loadActive(): Promise<void> {
    if (!this.redis) return;
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:cooldown:*`, 'COUNT', 100);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    if (keys.length === 0) return;
    const values = await this.redis.mget(...keys);
    keys.forEach((key, index) => {
      const until = Number(values[index]);
      if (until > Date.now()) this.note(key.slice(`${this.prefix}:cooldown:`.length), until);
    });
  }
}
