import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import type {
  IdempotencyClaim,
  IdempotencySettings,
  IdempotencyStore,
  StoredAnswer,
} from './idempotency-store';

const DEFAULTS: IdempotencySettings = { windowMs: 1_000, lockMs: 1_000, waitMs: 300, pollMs: 5 };

const answer = (body = '{"id":"chatcmpl-1"}'): StoredAnswer => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body,
});

const claimed = (claim: IdempotencyClaim): Extract<IdempotencyClaim, { kind: 'claimed' }> => {
  if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
  return claim;
};

/** The behaviour every IdempotencyStore shares; `create` builds a store with some settings overridden. */
export function describeIdempotencyStore(
  name: string,
  create: (settings: IdempotencySettings) => IdempotencyStore,
): void {
  const store = (overrides: Partial<IdempotencySettings> = {}): IdempotencyStore =>
    create({ ...DEFAULTS, ...overrides });

  describe(name, () => {
    it('claims a key seen for the first time', async () => {
      expect((await store().begin('team-a', randomUUID(), 'fp')).kind).toBe('claimed');
    });

    it('replays the finished answer to a retry', async () => {
      const s = store();
      const key = randomUUID();
      await claimed(await s.begin('team-a', key, 'fp')).complete(answer());
      expect(await s.begin('team-a', key, 'fp')).toEqual({ kind: 'replay', answer: answer() });
    });

    it('makes a retry wait for the request in flight, then replays its answer', async () => {
      const s = store();
      const key = randomUUID();
      const first = claimed(await s.begin('team-a', key, 'fp'));
      const retry = s.begin('team-a', key, 'fp');
      await sleep(40);
      await first.complete(answer('data: [DONE]\n\n'));
      expect(await retry).toEqual({ kind: 'replay', answer: answer('data: [DONE]\n\n') });
    });

    it('lets the next request claim a released key', async () => {
      const s = store();
      const key = randomUUID();
      await claimed(await s.begin('team-a', key, 'fp')).release();
      expect((await s.begin('team-a', key, 'fp')).kind).toBe('claimed');
    });

    it('refuses a reused key with a different body, finished or in flight', async () => {
      const s = store();
      const done = randomUUID();
      await claimed(await s.begin('team-a', done, 'fp')).complete(answer());
      expect(await s.begin('team-a', done, 'other')).toEqual({ kind: 'mismatch' });
      const inFlight = randomUUID();
      claimed(await s.begin('team-a', inFlight, 'fp'));
      expect(await s.begin('team-a', inFlight, 'other')).toEqual({ kind: 'mismatch' });
    });

    it('claims the key again once the window has passed', async () => {
      const s = store({ windowMs: 50 });
      const key = randomUUID();
      await claimed(await s.begin('team-a', key, 'fp')).complete(answer());
      await sleep(80);
      expect((await s.begin('team-a', key, 'fp')).kind).toBe('claimed');
    });

    it('takes over a claim whose holder died, and ignores the dead holder finishing late', async () => {
      const s = store({ lockMs: 50, waitMs: 500 });
      const key = randomUUID();
      const dead = claimed(await s.begin('team-a', key, 'fp'));
      const next = claimed(await s.begin('team-a', key, 'fp'));
      await dead.complete(answer('stale'));
      await dead.release();
      await next.complete(answer('fresh'));
      expect(await s.begin('team-a', key, 'fp')).toEqual({ kind: 'replay', answer: answer('fresh') });
    });

    it('answers busy when the request in flight outlasts waitMs', async () => {
      const s = store({ lockMs: 2_000, waitMs: 50 });
      const key = randomUUID();
      claimed(await s.begin('team-a', key, 'fp'));
      const started = Date.now();
      expect(await s.begin('team-a', key, 'fp')).toEqual({ kind: 'busy' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    });

    it('keeps scopes apart: the same key in two scopes is two claims', async () => {
      const s = store();
      const key = randomUUID();
      await claimed(await s.begin('team-a', key, 'fp')).complete(answer());
      expect((await s.begin('team-b', key, 'fp')).kind).toBe('claimed');
    });

    it('lets exactly one of ten concurrent requests run, and replays it to the others', async () => {
      const s = store();
      const key = randomUUID();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const claim = await s.begin('team-a', key, 'fp');
          if (claim.kind === 'claimed') {
            await sleep(30);
            await claim.complete(answer());
          }
          return claim.kind;
        }),
      );
      expect(outcomes.filter((kind) => kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((kind) => kind === 'replay')).toHaveLength(9);
    });
  });
}
