import type { Redis } from 'ioredis';

import {
  COUNTER_TTL_SECONDS,
  WINDOW_SECONDS,
  type Admission,
  type LimitKind,
  type LimitScope,
  type LimitStore,
} from './limit-scope';

const KEYS_PER_SCOPE = 5;
const ARGS_PER_SCOPE = 5;

// Checks every scope, then reserves in all of them: atomic, one round trip. Numbers travel as
// strings because Redis truncates Lua numbers to integers.
const ADMIT = `
local est = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local out = {'ok'}
for i = 0, n - 1 do
  local k = i * ${KEYS_PER_SCOPE}
  local a = 3 + i * ${ARGS_PER_SCOPE}
  local maxb = tonumber(ARGV[a + 1])
  local rpm = tonumber(ARGV[a + 3])
  local tpm = tonumber(ARGV[a + 4])
  local par = tonumber(ARGV[a + 5])
  if maxb >= 0 then
    redis.call('SET', KEYS[k + 1], ARGV[a + 2], 'NX', 'EX', ttl)
    local spent = tonumber(redis.call('GET', KEYS[k + 1]))
    local reserved = tonumber(redis.call('GET', KEYS[k + 2]) or '0')
    if spent + reserved + est > maxb * (1 + 1e-9) then return {'budget', tostring(i), tostring(spent), '0'} end
  end
  local reset = tostring(redis.call('TTL', KEYS[k + 4]))
  if rpm >= 0 then
    local used = tonumber(redis.call('GET', KEYS[k + 4]) or '0')
    if used + 1 > rpm then return {'requests', tostring(i), tostring(used), reset} end
  end
  if tpm >= 0 then
    local used = tonumber(redis.call('GET', KEYS[k + 5]) or '0')
    if used >= tpm then return {'tokens', tostring(i), tostring(used), reset} end
  end
  if par >= 0 then
    local used = tonumber(redis.call('GET', KEYS[k + 3]) or '0')
    if used + 1 > par then return {'max_parallel_requests', tostring(i), tostring(used), '1'} end
  end
end
for i = 0, n - 1 do
  local k = i * ${KEYS_PER_SCOPE}
  local a = 3 + i * ${ARGS_PER_SCOPE}
  if tonumber(ARGV[a + 1]) >= 0 then
    redis.call('INCRBYFLOAT', KEYS[k + 2], ARGV[1])
    redis.call('EXPIRE', KEYS[k + 2], 600)
  end
  redis.call('INCR', KEYS[k + 3])
  redis.call('EXPIRE', KEYS[k + 3], 600)
  local used = redis.call('INCR', KEYS[k + 4])
  if used == 1 then redis.call('EXPIRE', KEYS[k + 4], ${WINDOW_SECONDS}) end
  local tokens = tonumber(redis.call('GET', KEYS[k + 5]) or '0')
  table.insert(out, tostring(used))
  table.insert(out, tostring(tokens))
  table.insert(out, redis.call('GET', KEYS[k + 1]) or '')
end
return out
`;

const SETTLE = `
local est = ARGV[1]
local cost = ARGV[2]
local tokens = tonumber(ARGV[3])
for i = 0, #KEYS / ${KEYS_PER_SCOPE} - 1 do
  local k = i * ${KEYS_PER_SCOPE}
  if redis.call('EXISTS', KEYS[k + 2]) == 1 then redis.call('INCRBYFLOAT', KEYS[k + 2], '-' .. est) end
  if redis.call('EXISTS', KEYS[k + 1]) == 1 then redis.call('INCRBYFLOAT', KEYS[k + 1], cost) end
  if tonumber(redis.call('GET', KEYS[k + 3]) or '0') > 0 then redis.call('DECR', KEYS[k + 3]) end
  if tokens > 0 then
    local total = redis.call('INCRBY', KEYS[k + 5], tokens)
    if total == tokens then redis.call('EXPIRE', KEYS[k + 5], ${WINDOW_SECONDS}) end
  end
end
return 1
`;

const arg = (value: number | null): string => (value === null ? '-1' : String(value));

/** Budgets and rate limits shared by every replica: one Lua call before the upstream, one after. */
export class RedisLimitStore implements LimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('switchyardAdmit', { lua: ADMIT });
    redis.defineCommand('switchyardSettle', { lua: SETTLE });
  }

  /** @hotpath */
  async admit(scopes: readonly LimitScope[], estimate: number, minute: number): Promise<Admission> {
    const keys = scopes.flatMap((scope) => this.keys(scope, minute));
    const args = [String(estimate), String(scopes.length), String(COUNTER_TTL_SECONDS)];
    for (const scope of scopes)
      args.push(
        arg(scope.maxBudget),
        String(scope.baseSpend),
        arg(scope.rpm),
        arg(scope.tpm),
        arg(scope.parallel),
      );
    const reply = (await (
      this.redis as unknown as Record<string, (...a: unknown[]) => Promise<string[]>>
    ).switchyardAdmit?.(keys.length, ...keys, ...args)) as string[];
    if (reply[0] !== 'ok') {
      return {
        ok: false,
        kind: reply[0] as LimitKind,
        scope: Number(reply[1]),
        used: Number(reply[2]),
        resetSeconds: Math.max(1, Number(reply[3])),
      };
    }
    return {
      ok: true,
      remaining: scopes.map((scope, i) => ({
        requests: scope.rpm === null ? null : scope.rpm - Number(reply[1 + i * 3]),
        tokens: scope.tpm === null ? null : scope.tpm - Number(reply[2 + i * 3]),
        spent: scope.maxBudget === null || !reply[3 + i * 3] ? null : Number(reply[3 + i * 3]),
      })),
    };
  }

  settle(
    scopes: readonly LimitScope[],
    estimate: number,
    cost: number,
    tokens: number,
    minute: number,
  ): void {
    const keys = scopes.flatMap((scope) => this.keys(scope, minute));
    const redis = this.redis as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    redis
      .switchyardSettle?.(keys.length, ...keys, String(estimate), String(cost), String(tokens))
      .catch(() => undefined);
  }

  async resetSpent(scopeIds: readonly string[]): Promise<void> {
    // SET, not DEL: a replica still holding the old identity must not re-seed the old spend.
    const pipeline = this.redis.pipeline();
    for (const id of scopeIds)
      pipeline.set(`${this.prefix}:limits:${id}:spent`, '0', 'EX', COUNTER_TTL_SECONDS);
    await pipeline.exec();
  }

  private keys(scope: LimitScope, minute: number): string[] {
    const base = `${this.prefix}:limits:${scope.id}`;
    return [
      `${base}:spent`,
      `${base}:reserved`,
      `${base}:parallel`,
      `${base}:rpm:${minute}`,
      `${base}:tpm:${minute}`,
    ];
  }
}
