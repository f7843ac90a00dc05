import type { Prisma } from '@switchyard/db';
import { MAX_PAGE_SIZE, type AuditEvent, type Page } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

export interface AuditFilter {
  readonly entityType?: string | undefined;
  readonly entityId?: string | undefined;
  readonly changedBy?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

const badCursor = () =>
  GatewayError.badRequest('Invalid cursor: pass the endCursor of a previous page as `after`.', 'after');

function encode(event: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([event.createdAt.toISOString(), event.id])).toString('base64url');
}

function decode(cursor: string): { createdAt: Date; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string')
    throw badCursor();
  const createdAt = new Date(parsed[0]);
  if (Number.isNaN(createdAt.getTime())) throw badCursor();
  return { createdAt, id: parsed[1] };
}

/**
 * A page of the audit log, newest first, by cursor (created at, then id): two queries whatever the
 * page. Identity's `AuditRepository` has offset pages only; this reads the same table.
 */
export async function auditPage(
  tx: Prisma.TransactionClient,
  filter: AuditFilter,
  request: { first: number; after?: string | null | undefined },
): Promise<Page<AuditEvent>> {
  if (!Number.isInteger(request.first) || request.first < 1 || request.first > MAX_PAGE_SIZE) {
    throw GatewayError.badRequest(
      `\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${request.first}.`,
      'first',
    );
  }
  const where: Prisma.AuditLogWhereInput = {
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.changedBy ? { changedBy: filter.changedBy } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: filter.from } : {}),
            ...(filter.to ? { lte: filter.to } : {}),
          },
        }
      : {}),
  };
  const after = request.after ? decode(request.after) : undefined;
  const beyond: Prisma.AuditLogWhereInput | undefined = after
    ? {
        OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
      }
    : undefined;
  const [rows, totalCount] = await Promise.all([
    tx.auditLog.findMany({
      where: beyond ? { AND: [where, beyond] } : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: request.first + 1,
    }),
    tx.auditLog.count({ where }),
  ]);
  const items = rows.slice(0, request.first).map((row): AuditEvent => ({
    id: row.id,
    action: row.action as AuditEvent['action'],
    entityType: row.entityType as AuditEvent['entityType'],
    entityId: row.entityId,
    changedBy: row.changedBy,
    before: row.before,
    after: row.after,
    createdAt: row.createdAt,
  }));
  return { items, cursors: items.map(encode), hasNextPage: rows.length > request.first, totalCount };
}
