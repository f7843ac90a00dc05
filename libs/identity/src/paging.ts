import { GatewayError } from '@switchyard/kernel';

export type SortDirection = 'asc' | 'desc';

/** The largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;

/** A page of a list ordered by one non-null column, then by id: cursor (keyset) pagination. */
export interface PageRequest<F extends string = string> {
  readonly first: number;
  /** The cursor of the last item of the previous page. */
  readonly after?: string | null | undefined;
  readonly sort: F;
  readonly direction: SortDirection;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** The cursor of each item, in the same order. */
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

interface Cursor {
  readonly value: string | number;
  readonly id: string;
}

function encodeCursor(value: unknown, id: string): string {
  const plain = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([plain, id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
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
  throw GatewayError.badRequest('Invalid cursor: pass the endCursor of a previous page as `after`.', 'after');
}

function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw GatewayError.badRequest(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, 'first');
  }
}

/** What pageOf needs of a Prisma model delegate. */
export interface PageableDelegate<Row> {
  findMany(args: { where: object; orderBy: object[]; take: number; include?: object }): Promise<Row[]>;
  count(args: { where: object }): Promise<number>;
}

/**
 * One page of `delegate` rows matching `where`, ordered by `request.sort` (a non-null date or number
 * column) then id: two queries (the rows, the total) whatever the page.
 */
export async function pageOf<Row extends { id: string }, T>(
  delegate: PageableDelegate<Row>,
  where: object,
  request: PageRequest,
  map: (row: Row) => T,
  include?: object,
): Promise<Page<T>> {
  checkFirst(request.first);
  const { sort, direction } = request;
  const after = request.after ? decodeCursor(request.after) : undefined;
  const beyond = direction === 'desc' ? 'lt' : 'gt';
  const afterWhere = after
    ? {
        OR: [
          { [sort]: { [beyond]: cursorValue(after.value) } },
          { [sort]: cursorValue(after.value), id: { [beyond]: after.id } },
        ],
      }
    : undefined;
  const [rows, totalCount] = await Promise.all([
    delegate.findMany({
      where: afterWhere ? { AND: [where, afterWhere] } : where,
      orderBy: [{ [sort]: direction }, { id: direction }],
      take: request.first + 1,
      ...(include ? { include } : {}),
    }),
    delegate.count({ where }),
  ]);
  const pageRows = rows.slice(0, request.first);
  return {
    items: pageRows.map(map),
    cursors: pageRows.map((row) => encodeCursor((row as Record<string, unknown>)[sort], row.id)),
    hasNextPage: rows.length > request.first,
    totalCount,
  };
}

/** Dates travel as ISO strings in cursors; numbers as numbers. */
function cursorValue(value: string | number): Date | number {
  if (typeof value === 'number') return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw GatewayError.badRequest(
      'Invalid cursor: pass the endCursor of a previous page as `after`.',
      'after',
    );
  }
  return date;
}
