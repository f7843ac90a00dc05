const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });

export function formatUsd(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : usd.format(value);
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
}

/** 2024-05-01T10:00:00Z as 2024-05-01 10:00 (UTC), the way the server stores times. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return value.replace('T', ' ').slice(0, 16);
}

/** "a, b ,,c" → ["a", "b", "c"]: the comma-separated lists of the forms. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** A number field of a form: empty means "not set" (null); anything else must be a number. */
export function parseOptionalNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new Error(`"${text}" is not a number`);
  return value;
}

/** The `days` UTC days ending with `today`, oldest first, as YYYY-MM-DD. */
export function lastDays(days: number, today: Date): string[] {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: days }, (_, index) =>
    new Date(end - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** The share of a budget used, 0 to 1 (over budget shows as full); null without a budget. */
export function budgetShare(spend: number, maxBudget: number | null | undefined): number | null {
  if (maxBudget === null || maxBudget === undefined || maxBudget <= 0) return null;
  return Math.min(1, Math.max(0, spend / maxBudget));
}
