import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

import {
  claimOrWait,
  recordId,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IdempotencySettings,
  type IdempotencyStore,
  type StoredAnswer,
} from './idempotency-store';

// Claim or read in one round trip, so a record that expires between the two is never missed.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`;

// The pending value carries the holder's random token: comparing it is the token check.
const COMPLETE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;

type Script = (key: string, ...args: string[]) => Promise<string | number | null>;

/** Idempotency records shared by every replica: one key per (scope, Idempotency-Key). */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly claimScript: Script;
  private readonly completeScript: Script;
  private readonly releaseScript: Script;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly settings: IdempotencySettings,
  ) {
    this.claimScript = this.define('switchyardIdemClaim', CLAIM);
    this.completeScript = this.define('switchyardIdemComplete', COMPLETE);
    this.releaseScript = this.define('switchyardIdemRelease', RELEASE);
  }

  begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const name = `${this.prefix}:idem:${recordId(scope, key)}`;
    const pending = JSON.stringify({ state: 'pending', fingerprint, token: randomUUID() });
    const { windowMs, lockMs } = this.settings;
    const attempt = async (): Promise<IdempotencyRecord | null> => {
      const held = await this.claimScript(name, pending, String(lockMs));
      return typeof held === 'string' ? (JSON.parse(held) as IdempotencyRecord) : null;
    };
    return claimOrWait(fingerprint, this.settings, attempt, {
      kind: 'claimed',
      complete: async (answer: StoredAnswer) => {
        const done = JSON.stringify({ state: 'done', fingerprint, answer });
        await this.completeScript(name, pending, done, String(windowMs));
      },
      release: async () => {
        await this.releaseScript(name, pending);
      },
    });
  }

  private define(command: string, lua: string): Script {
    this.redis.defineCommand(command, { numberOfKeys: 1, lua });
    const run = (this.redis as unknown as Record<string, Script>)[command] as Script;
    return run.bind(this.redis);
  }
}
