import { Injectable } from '@nestjs/common';
import type { Prisma } from '@switchyard/db';

export type AuditAction =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'blocked'
  | 'unblocked'
  | 'regenerated'
  | 'member_added'
  | 'member_deleted';
export type AuditEntity = 'key' | 'user' | 'team' | 'organization' | 'model';

export interface AuditEntry {
  readonly action: AuditAction;
  readonly entityType: AuditEntity;
  readonly entityId: string;
  readonly changedBy: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditEvent extends AuditEntry {
  readonly id: string;
  readonly createdAt: Date;
}

const asJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Writes audit rows inside the caller's transaction, so a mutation and its record land together. */
@Injectable()
export class AuditRepository {
  async write(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
    const before = asJson(entry.before);
    const after = asJson(entry.after);
    await tx.auditLog.create({
      data: {
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        changedBy: entry.changedBy,
        ...(before !== undefined ? { before } : {}),
        ...(after !== undefined ? { after } : {}),
      },
    });
  }

  async list(
    tx: Prisma.TransactionClient,
    filter: { entityType?: string; entityId?: string },
    page: { skip: number; take: number },
  ): Promise<AuditEvent[]> {
    const rows = await tx.auditLog.findMany({
      where: {
        ...(filter.entityType ? { entityType: filter.entityType } : {}),
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
      },
      orderBy: { createdAt: 'desc' },
      skip: page.skip,
      take: page.take,
    });
    return rows.map((row) => ({
      id: row.id,
      action: row.action as AuditAction,
      entityType: row.entityType as AuditEntity,
      entityId: row.entityId,
      changedBy: row.changedBy,
      before: row.before,
      after: row.after,
      createdAt: row.createdAt,
    }));
  }
}
