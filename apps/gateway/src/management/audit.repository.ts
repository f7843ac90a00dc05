import type { Prisma } from '@switchyard/db';
import type { AuditEvent, Page } from '@switchyard/identity';
import { checkPageSize, cursorDate, decodeCursor, encodeCursor } from '@switchyard/kernel';

export interface AuditFilter {
  readonly entityType?: string | undefined;
  readonly entityId?: string | undefined;
  readonly changedBy?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
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
  checkPageSize(request.first);
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
  const cursor = request.after ? decodeCursor(request.after) : undefined;
  const after = cursor ? { createdAt: cursorDate(cursor), id: cursor.id } : undefined;
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
  return {
    items,
    cursors: items.map((event) => encodeCursor(event.createdAt, event.id)),
    hasNextPage: rows.length > request.first,
    totalCount,
  };
}
