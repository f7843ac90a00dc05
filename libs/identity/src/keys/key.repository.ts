import { Injectable } from '@nestjs/common';
import { isUniqueViolation, type Key, type Prisma } from '@switchyard/db';
import { GatewayError } from '@switchyard/kernel';

import { budgetResetAt } from '../budget-reset-at';
import { pageOf, type Page, type PageRequest } from '../paging';
import type { KeyFields, VirtualKey } from './key.types';
import { jsonObject } from '../json-object';

type Tx = Prisma.TransactionClient;

/** Columns a key list can be ordered by. */
export type KeySort = 'createdAt' | 'updatedAt' | 'spend';

export function toVirtualKey(row: Key): VirtualKey {
  return {
    id: row.id,
    keyName: row.keyName,
    keyAlias: row.keyAlias,
    userId: row.userId,
    teamId: row.teamId,
    organizationId: row.organizationId,
    models: row.models,
    aliases: jsonObject(row.aliases) as Record<string, string>,
    maxBudget: row.maxBudget,
    softBudget: row.softBudget,
    budgetDuration: row.budgetDuration,
    budgetResetAt: row.budgetResetAt,
    spend: row.spend,
    rpmLimit: row.rpmLimit,
    tpmLimit: row.tpmLimit,
    maxParallelRequests: row.maxParallelRequests,
    modelMaxBudget: jsonObject(row.modelMaxBudget),
    expiresAt: row.expiresAt,
    blocked: row.blocked,
    metadata: jsonObject(row.metadata),
    tags: row.tags,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function columns(fields: KeyFields): Prisma.KeyUncheckedUpdateInput {
  const data: Prisma.KeyUncheckedUpdateInput = {};
  const set = <K extends keyof KeyFields>(
    field: K,
    apply: (value: NonNullable<KeyFields[K]> | null) => void,
  ) => {
    if (fields[field] !== undefined) apply(fields[field] as NonNullable<KeyFields[K]> | null);
  };
  set('keyAlias', (v) => (data.keyAlias = v));
  set('userId', (v) => (data.userId = v));
  set('teamId', (v) => (data.teamId = v));
  set('organizationId', (v) => (data.organizationId = v));
  set('models', (v) => (data.models = v ?? []));
  set('aliases', (v) => (data.aliases = (v ?? {}) as Prisma.InputJsonObject));
  set('maxBudget', (v) => (data.maxBudget = v));
  set('softBudget', (v) => (data.softBudget = v));
  set('budgetDuration', (v) => {
    data.budgetDuration = v;
    data.budgetResetAt = budgetResetAt(v);
  });
  set('rpmLimit', (v) => (data.rpmLimit = v));
  set('tpmLimit', (v) => (data.tpmLimit = v));
  set('maxParallelRequests', (v) => (data.maxParallelRequests = v));
  set('modelMaxBudget', (v) => (data.modelMaxBudget = (v ?? {}) as Prisma.InputJsonObject));
  set('expiresAt', (v) => (data.expiresAt = v));
  set('blocked', (v) => (data.blocked = v ?? false));
  set('metadata', (v) => (data.metadata = (v ?? {}) as Prisma.InputJsonObject));
  set('tags', (v) => (data.tags = v ?? []));
  return data;
}

/** Which keys a list shows: filters, and for non-admins the keys they own or whose team they run. */
export interface KeyFilter {
  userId?: string;
  teamId?: string;
  organizationId?: string;
  keyAlias?: string;
  /** Part of the alias, any case. */
  aliasContains?: string;
  status?: 'active' | 'blocked' | 'expired';
  teamIds?: readonly string[];
  ownerId?: string;
}

function keyWhere(filter: KeyFilter): Prisma.KeyWhereInput {
  const and: Prisma.KeyWhereInput[] = [];
  if (filter.userId) and.push({ userId: filter.userId });
  if (filter.teamId) and.push({ teamId: filter.teamId });
  if (filter.organizationId) and.push({ organizationId: filter.organizationId });
  if (filter.keyAlias) and.push({ keyAlias: filter.keyAlias });
  if (filter.aliasContains) and.push({ keyAlias: { contains: filter.aliasContains, mode: 'insensitive' } });
  const now = new Date();
  if (filter.status === 'blocked') and.push({ blocked: true });
  if (filter.status === 'expired') and.push({ blocked: false, expiresAt: { lte: now } });
  if (filter.status === 'active') {
    and.push({ blocked: false, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });
  }
  // A non-admin sees its own keys and those of the teams it administers.
  if (filter.ownerId !== undefined) {
    and.push({
      OR: [
        { userId: filter.ownerId },
        ...(filter.teamIds?.length ? [{ teamId: { in: [...filter.teamIds] } }] : []),
      ],
    });
  }
  return and.length === 1 ? and[0]! : { AND: and };
}

function aliasTaken(error: unknown, alias: string | null | undefined): never {
  if (isUniqueViolation(error)) {
    throw GatewayError.badRequest(`Key with alias '${alias ?? ''}' already exists.`, 'key_alias');
  }
  throw error;
}

/** Prisma access for virtual keys; lookups by hash or id. */
@Injectable()
export class KeyRepository {
  async create(tx: Tx, hash: string, keyName: string, fields: KeyFields, actor: string): Promise<VirtualKey> {
    try {
      const row = await tx.key.create({
        data: {
          ...(columns(fields) as Prisma.KeyUncheckedCreateInput),
          hash,
          keyName,
          createdBy: actor,
          updatedBy: actor,
        },
      });
      return toVirtualKey(row);
    } catch (error) {
      aliasTaken(error, fields.keyAlias);
    }
  }

  async update(tx: Tx, id: string, fields: KeyFields, actor: string): Promise<VirtualKey> {
    try {
      return toVirtualKey(
        await tx.key.update({ where: { id }, data: { ...columns(fields), updatedBy: actor } }),
      );
    } catch (error) {
      aliasTaken(error, fields.keyAlias);
    }
  }

  async replaceHash(tx: Tx, id: string, hash: string, keyName: string, actor: string): Promise<VirtualKey> {
    return toVirtualKey(await tx.key.update({ where: { id }, data: { hash, keyName, updatedBy: actor } }));
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.key.delete({ where: { id } });
  }

  /** The key and its current hash (the hash stays inside the lib: cache invalidation needs it). */
  async findByHash(tx: Tx, hash: string): Promise<{ key: VirtualKey; hash: string } | undefined> {
    const row = await tx.key.findUnique({ where: { hash } });
    return row ? { key: toVirtualKey(row), hash: row.hash } : undefined;
  }

  async findById(tx: Tx, id: string): Promise<{ key: VirtualKey; hash: string } | undefined> {
    const row = await tx.key.findUnique({ where: { id } });
    return row ? { key: toVirtualKey(row), hash: row.hash } : undefined;
  }

  async list(
    tx: Tx,
    filter: KeyFilter,
    page: { skip: number; take: number },
  ): Promise<{ keys: VirtualKey[]; total: number }> {
    const where = keyWhere(filter);
    const [rows, total] = await Promise.all([
      tx.key.findMany({ where, orderBy: { createdAt: 'desc' }, skip: page.skip, take: page.take }),
      tx.key.count({ where }),
    ]);
    return { keys: rows.map(toVirtualKey), total };
  }

  page(tx: Tx, filter: KeyFilter, request: PageRequest<KeySort>): Promise<Page<VirtualKey>> {
    return pageOf(tx.key as never, keyWhere(filter), request, toVirtualKey);
  }

  /** Keys by id, for batched loading (one query). */
  async byIds(tx: Tx, ids: readonly string[]): Promise<VirtualKey[]> {
    const rows = await tx.key.findMany({ where: { id: { in: [...ids] } } });
    return rows.map(toVirtualKey);
  }

  async hashesOf(tx: Tx, where: { userId?: string; teamId?: string }): Promise<string[]> {
    const rows = await tx.key.findMany({ where, select: { hash: true } });
    return rows.map((row) => row.hash);
  }
}
