/**
 * Server pagination with `first/after`: the `after` cursor of every page visited, so Previous
 * goes back without the server knowing about backwards paging. The first page's cursor is null.
 */
export type CursorStack = readonly (string | null)[];

export const FIRST_PAGE: CursorStack = [null];

export function currentCursor(stack: CursorStack): string | null {
  return stack[stack.length - 1] ?? null;
}

export function nextPage(stack: CursorStack, endCursor: string | null): CursorStack {
  return endCursor ? [...stack, endCursor] : stack;
}

export function previousPage(stack: CursorStack): CursorStack {
  return stack.length > 1 ? stack.slice(0, -1) : stack;
}

export function pageNumber(stack: CursorStack): number {
  return stack.length;
}
