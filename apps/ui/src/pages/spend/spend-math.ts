/** A row of spendSummary: one UTC day and one group (key, team, model or tag). */
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

/** Per group over the whole period, biggest spender first. */
export function totalsByGroup(rows: readonly SpendRow[]): GroupTotal[] {
  const groups = new Map<string, GroupTotal>();
  for (const row of rows) {
    const key = row.group.id ?? '';
    const total = groups.get(key) ?? {
      id: row.group.id,
      name: row.group.name ?? row.group.id ?? '(none)',
      spend: 0,
      requests: 0,
    };
    total.spend += row.spend;
    total.requests += row.requests;
    groups.set(key, total);
  }
  return [...groups.values()].sort((a, b) => b.spend - a.spend || a.name.localeCompare(b.name));
}

/** Totals of rows where every request is in exactly one group (grouped by key, team or model). */
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
