import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { SpendEvent } from '../ledger/spend-event';
import { SpendSpool } from './spend-spool';

const event = (requestId: string): SpendEvent => ({
  v: 1,
  requestId,
  callType: 'chat',
  apiKey: null,
  keyAlias: null,
  userId: null,
  teamId: null,
  organizationId: null,
  endUser: null,
  model: 'm',
  modelGroup: 'm',
  modelId: 'id',
  provider: 'openai',
  apiBase: null,
  promptTokens: 1,
  completionTokens: 2,
  cachedTokens: 0,
  cost: 0.5,
  startTime: 1,
  endTime: 2,
  status: 'success',
  cacheHit: false,
  tags: [],
});

describe('SpendSpool', () => {
  it('keeps appended events on disk until a replay delivers them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = new SpendSpool(dir);
    spool.append([event('a'), event('b')]);
    spool.append([event('c')]);
    expect(spool.hasPending()).toBe(true);

    await expect(spool.replay(() => Promise.reject(new Error('redis down')))).rejects.toThrow('redis down');
    expect(spool.hasPending()).toBe(true);

    const delivered: string[] = [];
    expect(await spool.replay(async (events) => void delivered.push(...events.map((e) => e.requestId)))).toBe(
      3,
    );
    expect(delivered).toEqual(['a', 'b', 'c']);
    expect(spool.hasPending()).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
