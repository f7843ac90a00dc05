/**
 * A row of a LiteLLM table as read by the source (`to_jsonb(row)`): columns vary between
 * LiteLLM releases, so every read tolerates a missing column and a wrong type.
 */
export type LiteLlmRow = Readonly<Record<string, unknown>>;

export function text(row: LiteLlmRow, column: string): string | null {
  const value = row[column];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function numberOf(row: LiteLlmRow, column: string): number | null {
  const value = row[column];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function flag(row: LiteLlmRow, column: string): boolean {
  return row[column] === true;
}

export function texts(row: LiteLlmRow, column: string): string[] {
  const value = row[column];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function object(row: LiteLlmRow, column: string): Record<string, unknown> {
  const value = row[column];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Prisma stores LiteLLM's DateTime columns as `timestamp(3)` without a zone, in UTC. */
export function timestamp(row: LiteLlmRow, column: string): Date | null {
  const value = row[column];
  if (typeof value !== 'string') return null;
  const zoned = /(Z|[+-]\d\d(:?\d\d)?)$/.test(value) ? value : `${value}Z`;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? null : date;
}
