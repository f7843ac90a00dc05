import { describe, expect, it } from 'vitest';

import { spendPerDay, totalsOf, type SpendRow } from './spend-math';

const row = (day: string, id: string | null, spend: number): SpendRow => ({
  day,
  group: { id, name: id },
  spend,
  requests: 1,
  promptTokens: 10,
  completionTokens: 5,
});

describe('spend summaries', () => {
  const rows = [
    row('2024-01-01', 'a', 1),
    row('2024-01-01', 'b', 2),
    row('2024-01-03', 'a', 4),
    row('2024-01-03', null, 0.5),
  ];

  it('sums each day and fills the days without spend', () => {
    expect(spendPerDay(rows, ['2024-01-01', '2024-01-02', '2024-01-03']).map((bar) => bar.value)).toEqual([
      3, 0, 4.5,
    ]);
  });

  it('totals spend, requests and tokens', () => {
    expect(totalsOf(rows)).toEqual({ spend: 7.5, requests: 4, tokens: 60 });
  });
});
