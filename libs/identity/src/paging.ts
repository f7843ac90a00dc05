import { checkPageSize, cursorDate, decodeCursor, encodeCursor, type PageCursor } from '@switchyard/kernel';

export type SortDirection = 'asc' | 'desc';

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

/** What pageOf needs of a Prisma model delegate. */
export interface PageableDelegate<Row> {
  findMany(args: { where: object; orderBy: object[]; take: number; include?: object }): Promise<Row[]>;
  count(args: { where: object }): Promise<number>;
}

/**
 * One page of `delegate` rows matching `where`, ordered by `request.sort` (a non-null date or number
 * column) then `idField` (unique among the matching rows): two queries (the rows, the total)
 * whatever the page.
 */
export async function pageOf<Row extends object, T>(
  delegate: PageableDelegate<Row>,
  where: object,
  request: PageRequest,
  map: (row: Row) => T,
  include?: object,
  idField = 'id',
): Promise<Page<T>> {
  checkPageSize(request.first);
  const { sort, direction } = request;
  const after = request.after ? decodeCursor(request.after) : undefined;
  const beyond = direction === 'desc' ? 'lt' : 'gt';
  const afterWhere = after
    ? {
        OR: [
          { [sort]: { [beyond]: cursorValue(after) } },
          { [sort]: cursorValue(after), [idField]: { [beyond]: after.id } },
        ],
      }
    : undefined;
  const [rows, totalCount] = await Promise.all([
    delegate.findMany({
      where: afterWhere ? { AND: [where, afterWhere] } : where,
      orderBy: [{ [sort]: direction }, { [idField]: direction }],
      take: request.first + 1,
      ...(include ? { include } : {}),
    }),
    delegate.count({ where }),
  ]);
  const pageRows = rows.slice(0, request.first);
  return {
    items: pageRows.map(map),
    cursors: pageRows.map((row) =>
      encodeCursor(
        (row as Record<string, Date | number>)[sort]!,
        String((row as Record<string, unknown>)[idField]),
      ),
    ),
    hasNextPage: rows.length > request.first,
    totalCount,
  };
}

/** Dates travel as ISO strings in cursors; numbers as numbers. */
function cursorValue(cursor: PageCursor): Date | number {
  return typeof cursor.value === 'number' ? cursor.value : cursorDate(cursor);
}
