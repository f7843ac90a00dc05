import { describe, expect, it } from 'vitest';

import { describeIdempotencyStore } from './idempotency-store.contract';
import { MemoryIdempotencyStore } from './memory-idempotency-store';

describeIdempotencyStore('MemoryIdempotencyStore', (settings) => new MemoryIdempotencyStore(settings));

describe('MemoryIdempotencyStore cap', () => {
  it('evicts the oldest record beyond maxEntries', async () => {
    const settings = { windowMs: 1_000, lockMs: 1_000, waitMs: 0, pollMs: 5 };
    const store = new MemoryIdempotencyStore(settings, 2);
    for (const key of ['a', 'b', 'c']) await store.begin('team-a', key, 'fp');
    expect((await store.begin('team-a', 'a', 'fp')).kind).toBe('claimed');
    expect((await store.begin('team-a', 'c', 'fp')).kind).toBe('busy');
  });
});
