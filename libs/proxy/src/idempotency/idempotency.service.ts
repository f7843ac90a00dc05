import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { RequestPrincipal } from '@switchyard/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';
import { createFailFastRedis } from '@switchyard/queue';
import type { Redis } from 'ioredis';

import { requestFingerprint, type IdempotencyClaim, type IdempotencyStore } from './idempotency-store';
import { MemoryIdempotencyStore } from './memory-idempotency-store';
import { RedisIdempotencyStore } from './redis-idempotency-store';

const SETTINGS = {
  windowMs: 60 * 60_000,
  lockMs: 10 * 60_000,
  waitMs: 60_000,
  pollMs: 100,
};
// Answers larger than this are not kept for replay (the request still runs once).
export const MAX_STORED_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * `Idempotency-Key`: a retried request (same key, same caller, same body) within the window gets
 * the first attempt's answer, waiting while it is in flight, instead of a second upstream call
 * and a second charge. Shared through Redis when configured; Redis trouble fails open.
 */
@Injectable()
export class IdempotencyService implements OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private readonly store: IdempotencyStore;
  private readonly redis: Redis | undefined;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    if (config.redis) {
      this.redis = createFailFastRedis(config.redis);
      this.store = new RedisIdempotencyStore(this.redis, config.queuePrefix, SETTINGS);
    } else {
      this.store = new MemoryIdempotencyStore(SETTINGS);
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  /** Undefined when the request has no key (or the store is unreachable: the request just runs). */
  async begin(
    key: string,
    principal: RequestPrincipal,
    path: string,
    body: Record<string, unknown>,
  ): Promise<Exclude<IdempotencyClaim, { kind: 'mismatch' | 'busy' }> | undefined> {
    if (key.length === 0 || key.length > 255) {
      throw GatewayError.badRequest('Idempotency-Key must be 1 to 255 characters', 'Idempotency-Key');
    }
    const scope = principal.kind === 'key' ? principal.identity.hash : principal.kind;
    let claim: IdempotencyClaim;
    try {
      claim = await this.store.begin(scope, key, requestFingerprint(body, path));
    } catch (error) {
      this.logger.warn(`Idempotency-Key not honoured, the store is unreachable: ${(error as Error).message}`);
      return undefined;
    }
    if (claim.kind === 'mismatch') {
      throw new GatewayError('Idempotency-Key was already used with a different request body', {
        status: 422,
        type: 'invalid_request_error',
        param: 'Idempotency-Key',
      });
    }
    if (claim.kind === 'busy') {
      throw new GatewayError('A request with this Idempotency-Key is still in progress; retry later', {
        status: 409,
        type: 'invalid_request_error',
        param: 'Idempotency-Key',
        headers: { 'retry-after': '1' },
      });
    }
    return claim;
  }
}
