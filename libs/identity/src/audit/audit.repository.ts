import { Injectable } from '@nestjs/common';
import type { AuditLog, Prisma } from '@switchyard/db';

import { pageOf, type Page } from '../paging';

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

/** Which audit rows a page shows (every field optional). */
export interface AuditFilter {
  readonly entityType?: string | undefined;
  readonly entityId?: string | undefined;
  readonly changedBy?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

function toAuditEvent(row: AuditLog): AuditEvent {
  return {
    id: row.id,
    action: row.action as AuditAction,
    entityType: row.entityType as AuditEntity,
    entityId: row.entityId,
    changedBy: row.changedBy,
    before: row.before,
    after: row.after,
    createdAt: row.createdAt,
  };
}

function auditWhere(filter: AuditFilter): Prisma.AuditLogWhereInput {
  return {
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
      where: auditWhere(filter),
      orderBy: { createdAt: 'desc' },
      skip: page.skip,
      take: page.take,
    });
    return rows.map(toAuditEvent);
  }

  /** A page of the audit log, newest first, by cursor (created at, then id). */
  page(
    tx: Prisma.TransactionClient,
    filter: AuditFilter,
    request: { first: number; after?: string | null | undefined },
  ): Promise<Page<AuditEvent>> {
    return pageOf(
      tx.auditLog as never,
      auditWhere(filter),
      { ...request, sort: 'createdAt', direction: 'desc' },
      toAuditEvent,
    );
  }
}
