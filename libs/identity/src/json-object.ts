import type { Prisma } from '@switchyard/db';

/** A JSON column that holds an object, as a plain record (anything else reads as `{}`). */
export function jsonObject(value: Prisma.JsonValue): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
