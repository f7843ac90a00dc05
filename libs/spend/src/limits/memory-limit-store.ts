import type { Admission, LimitScope, LimitStore } from './limit-scope';

interface Counters {
  spent: number;
  reserved: number;
  parallel: number;
  minute: number;
  requests: number;
  tokens: number;
}

/** The same rules as the Redis store, in this process only (a gateway without Redis). */
export class MemoryLimitStore implements LimitStore {
  private readonly counters = new Map<string, Counters>();

  admit(scopes: readonly LimitScope[], estimate: number, minute: number): Promise<Admission> {
    const all = scopes.map((scope) => this.of(scope, minute));
    for (let i = 0; i < scopes.length; i++) {
      const scope = scopes[i] as LimitScope;
      const c = all[i] as Counters;
      if (scope.maxBudget !== null && c.spent + c.reserved + estimate > scope.maxBudget * (1 + 1e-9)) {
        return Promise.resolve({ ok: false, scope: i, kind: 'budget', used: c.spent, resetSeconds: 0 });
      }
      const resetSeconds = 60 - (Math.floor(Date.now() / 1000) % 60);
      if (scope.rpm !== null && c.requests + 1 > scope.rpm)
        return Promise.resolve({ ok: false, scope: i, kind: 'requests', used: c.requests, resetSeconds });
      if (scope.tpm !== null && c.tokens >= scope.tpm)
        return Promise.resolve({ ok: false, scope: i, kind: 'tokens', used: c.tokens, resetSeconds });
      if (scope.parallel !== null && c.parallel + 1 > scope.parallel) {
        return Promise.resolve({
          ok: false,
          scope: i,
          kind: 'max_parallel_requests',
          used: c.parallel,
          resetSeconds: 1,
        });
      }
    }
    for (const c of all) {
      c.reserved += estimate;
      c.requests += 1;
      c.parallel += 1;
    }
    return Promise.resolve({
      ok: true,
      remaining: scopes.map((scope, i) => ({
        requests: scope.rpm === null ? null : scope.rpm - (all[i] as Counters).requests,
        tokens: scope.tpm === null ? null : scope.tpm - (all[i] as Counters).tokens,
        spent: scope.maxBudget === null ? null : (all[i] as Counters).spent,
      })),
    });
  }

  settle(
    scopes: readonly LimitScope[],
    estimate: number,
    cost: number,
    tokens: number,
    minute: number,
  ): void {
    for (const scope of scopes) {
      const c = this.of(scope, minute);
      c.reserved = Math.max(0, c.reserved - estimate);
      c.spent += cost;
      c.parallel = Math.max(0, c.parallel - 1);
      c.tokens += tokens;
    }
  }

  resetSpent(scopeIds: readonly string[]): Promise<void> {
    for (const id of scopeIds) {
      const c = this.counters.get(id);
      if (c) c.spent = 0;
    }
    return Promise.resolve();
  }

  private of(scope: LimitScope, minute: number): Counters {
    let c = this.counters.get(scope.id);
    if (!c) {
      c = { spent: scope.baseSpend, reserved: 0, parallel: 0, minute, requests: 0, tokens: 0 };
      this.counters.set(scope.id, c);
    }
    if (c.minute !== minute) {
      c.minute = minute;
      c.requests = 0;
      c.tokens = 0;
    }
    return c;
  }
}
