import type { Page } from '@switchyard/identity';
import { checkPageSize, decodeCursor, encodeCursor } from '@switchyard/kernel';

import type { ModelDeployment } from '../types/model.type';

const encode = (d: ModelDeployment) => encodeCursor(d.modelName, d.id);

function decode(text: string): [string, string] {
  const cursor = decodeCursor(text);
  return [String(cursor.value), cursor.id];
}

const compare = (a: [string, string], b: [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/**
 * The deployments live in memory: ordered by model name then id, and paged by a cursor holding
 * both, so a page stays right when deployments are added or removed between requests.
 */
export function modelPage(
  deployments: readonly ModelDeployment[],
  request: { first: number; after?: string | null | undefined },
): Page<ModelDeployment> {
  checkPageSize(request.first);
  const sorted = [...deployments].sort((a, b) => compare([a.modelName, a.id], [b.modelName, b.id]));
  const after = request.after ? decode(request.after) : undefined;
  const rest = after ? sorted.filter((d) => compare([d.modelName, d.id], after) > 0) : sorted;
  const items = rest.slice(0, request.first);
  return {
    items,
    cursors: items.map(encode),
    hasNextPage: rest.length > request.first,
    totalCount: sorted.length,
  };
}
