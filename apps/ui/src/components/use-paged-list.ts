import { useCallback, useEffect, useState } from 'preact/hooks';

import {
  currentCursor,
  FIRST_PAGE,
  nextPage,
  pageNumber,
  previousPage,
  type CursorStack,
} from '../cursor-stack';
import type { Connection } from '../graphql';

export const PAGE_SIZE = 10;

export interface PagedList<T> {
  readonly rows: readonly T[];
  readonly totalCount: number;
  readonly page: number;
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
  readonly loading: boolean;
  readonly error: unknown;
  next(): void;
  previous(): void;
  reload(): void;
}

/**
 * One page of a server list at a time (`first/after`); `filterKey` changing starts again at page 1.
 * The fetcher must be stable for a given filterKey.
 */
export function usePagedList<T>(
  fetchPage: (first: number, after: string | null) => Promise<Connection<T>>,
  filterKey: string,
): PagedList<T> {
  const [stack, setStack] = useState<CursorStack>(FIRST_PAGE);
  const [answer, setAnswer] = useState<Connection<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => setStack(FIRST_PAGE), [filterKey]);
  useEffect(() => {
    let current = true;
    setLoading(true);
    fetchPage(PAGE_SIZE, currentCursor(stack)).then(
      (connection) => {
        if (!current) return;
        setAnswer(connection);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // fetchPage is rebuilt every render; filterKey says when what it fetches changed.
  }, [stack, generation, filterKey]);

  return {
    rows: answer?.edges.map((edge) => edge.node) ?? [],
    totalCount: answer?.totalCount ?? 0,
    page: pageNumber(stack),
    hasNext: answer?.pageInfo.hasNextPage ?? false,
    hasPrevious: stack.length > 1,
    loading,
    error,
    next: useCallback(() => setStack((s) => nextPage(s, answer?.pageInfo.endCursor ?? null)), [answer]),
    previous: useCallback(() => setStack(previousPage), []),
    reload: useCallback(() => setGeneration((g) => g + 1), []),
  };
}
