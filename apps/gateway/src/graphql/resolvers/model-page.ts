import { MAX_PAGE_SIZE, type Page } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

import type { ModelDeployment } from '../types/model.type';

const badCursor = () =>
  GatewayError.badRequest('Invalid cursor: pass the endCursor of a previous page as `after`.', 'after');

const encode = (d: ModelDeployment) => Buffer.from(JSON.stringify([d.modelName, d.id])).toString('base64url');

function decode(cursor: string): [string, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string')
    throw badCursor();
  return [parsed[0], parsed[1]];
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
  if (!Number.isInteger(request.first) || request.first < 1 || request.first > MAX_PAGE_SIZE) {
    throw GatewayError.badRequest(
      `\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${request.first}.`,
      'first',
    );
  }
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
