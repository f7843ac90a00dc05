import { GatewayError } from './gateway-error';

/** The largest page a caller may ask for, on every paged list. */
export const MAX_PAGE_SIZE = 100;

/** Where a page ends: the sort value of its last row (a date travels as an ISO string) and its id. */
export interface PageCursor {
  readonly value: string | number;
  readonly id: string;
}

function invalidCursor(): GatewayError {
  return GatewayError.badRequest(
    'Invalid cursor: pass the endCursor of a previous page as `after`.',
    'after',
  );
}

/** An opaque cursor for a row sorted by `value`, then `id`. */
export function encodeCursor(value: Date | string | number, id: string): string {
  const plain = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([plain, id])).toString('base64url');
}

/** The cursor's value and id; a 400 GatewayError for anything encodeCursor did not make. */
export function decodeCursor(cursor: string): PageCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string'
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the refusal
  }
  throw invalidCursor();
}

/** A cursor's value as a date; a 400 GatewayError when it is not one. */
export function cursorDate(cursor: PageCursor): Date {
  const date = typeof cursor.value === 'string' ? new Date(cursor.value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw invalidCursor();
  return date;
}

/** A 400 GatewayError unless `first` is a page size from 1 to MAX_PAGE_SIZE. */
export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw GatewayError.badRequest(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, 'first');
  }
}
