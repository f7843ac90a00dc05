/** A row of spendSummary: one UTC day (and one group when grouped). */
export interface SpendRow {
  day: string;
  group: { id: string | null; name: string | null };
  spend: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
}

export interface GroupTotal {
  id: string | null;
  name: string;
  spend: number;
  requests: number;
}

export interface Totals {
  spend: number;
  requests: number;
  tokens: number;
}

/** Spend per day over `days` (every day present, zero when nothing was spent). */
export function spendPerDay(
  rows: readonly SpendRow[],
  days: readonly string[],
): { label: string; value: number }[] {
  const byDay = new Map<string, number>();
  for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.spend);
  return days.map((day) => ({ label: day, value: byDay.get(day) ?? 0 }));
}

/** Totals of per-day rows (every request counted once). */
export function totalsOf(rows: readonly SpendRow[]): Totals {
  return rows.reduce(
    (sum, row) => ({
      spend: sum.spend + row.spend,
      requests: sum.requests + row.requests,
      tokens: sum.tokens + row.promptTokens + row.completionTokens,
    }),
    { spend: 0, requests: 0, tokens: 0 },
  );
}
