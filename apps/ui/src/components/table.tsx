import type { ComponentChildren } from 'preact';

import { ErrorBanner } from './error-banner';
import type { PagedList } from './use-paged-list';

export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ComponentChildren;
}

interface TableProps<T> {
  readonly caption: string;
  readonly columns: readonly Column<T>[];
  readonly list: PagedList<T>;
  readonly rowKey: (row: T) => string;
  readonly empty?: string;
}

/** A server-paged table with Previous / Next under it; wide tables scroll inside their box. */
export function Table<T>({ caption, columns, list, rowKey, empty = 'Nothing here yet.' }: TableProps<T>) {
  return (
    <section class="table-box" aria-busy={list.loading}>
      <ErrorBanner error={list.error} />
      <div class="table-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column.header}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && !list.loading ? (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            ) : null}
            {list.rows.map((row) => (
              <tr key={rowKey(row)} data-row={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.header} data-label={column.header}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager list={list} label={caption} />
    </section>
  );
}

export function Pager<T>({ list, label }: { list: PagedList<T>; label: string }) {
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={list.previous} disabled={!list.hasPrevious || list.loading}>
        Previous
      </button>
      <span role="status">
        {list.loading ? `Page ${list.page} · loading…` : `Page ${list.page} · ${list.totalCount} in all`}
      </span>
      <button type="button" onClick={list.next} disabled={!list.hasNext || list.loading}>
        Next
      </button>
    </nav>
  );
}
