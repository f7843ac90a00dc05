import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { Prisma, User } from '@switchyard/db';

import { budgetResetAt } from '../budget-reset-at';
import { pageOf, type Page, type PageRequest } from '../paging';
import type { UserRole } from '../roles';
import type { UserFields, UserRecord } from './user.types';
import { jsonObject } from '../json-object';

type Tx = Prisma.TransactionClient;
type Row = User & { teamMemberships?: Array<{ teamId: string }> };

function toUser(row: Row): UserRecord {
  return {
    id: row.id,
    email: row.email,
    alias: row.alias,
    role: row.role as UserRole,
    models: row.models,
    maxBudget: row.maxBudget,
    budgetDuration: row.budgetDuration,
    spend: row.spend,
    rpmLimit: row.rpmLimit,
    tpmLimit: row.tpmLimit,
    maxParallelRequests: row.maxParallelRequests,
    metadata: jsonObject(row.metadata),
    teams: (row.teamMemberships ?? []).map((m) => m.teamId),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function columns(fields: UserFields): Prisma.UserUncheckedUpdateInput {
  const { metadata, ...rest } = fields;
  return {
    ...rest,
    ...(metadata !== undefined ? { metadata: metadata as Prisma.InputJsonObject } : {}),
    ...(fields.budgetDuration !== undefined ? { budgetResetAt: budgetResetAt(fields.budgetDuration) } : {}),
  };
}

const withTeams = { teamMemberships: { select: { teamId: true } } } as const;

export type UserSort = 'createdAt' | 'updatedAt' | 'spend';

export interface UserFilter {
  role?: string;
  /** Part of the e-mail, any case. */
  emailContains?: string;
  teamId?: string;
  ids?: readonly string[];
}

function userWhere(filter: UserFilter): Prisma.UserWhereInput {
  return {
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.emailContains
      ? { email: { contains: filter.emailContains, mode: 'insensitive' as const } }
      : {}),
    ...(filter.teamId ? { teamMemberships: { some: { teamId: filter.teamId } } } : {}),
    ...(filter.ids ? { id: { in: [...filter.ids] } } : {}),
  };
}

@Injectable()
export class UserRepository {
  async create(tx: Tx, id: string, fields: UserFields): Promise<UserRecord> {
    const data = {
      ...(columns(fields) as Prisma.UserUncheckedCreateInput),
      id,
      role: fields.role ?? 'internal_user',
    };
    return toUser(await tx.user.create({ data, include: withTeams }));
  }

  async update(tx: Tx, id: string, fields: UserFields): Promise<UserRecord> {
    return toUser(await tx.user.update({ where: { id }, data: columns(fields), include: withTeams }));
  }

  async find(tx: Tx, id: string): Promise<UserRecord | undefined> {
    const row = await tx.user.findUnique({ where: { id }, include: withTeams });
    return row ? toUser(row) : undefined;
  }

  async findByEmail(tx: Tx, email: string): Promise<UserRecord | undefined> {
    const row = await tx.user.findUnique({ where: { email }, include: withTeams });
    return row ? toUser(row) : undefined;
  }

  /** A user named by id (else by e-mail). */
  async findByRef(tx: Tx, ref: { userId?: string; email?: string }): Promise<UserRecord | undefined> {
    if (ref.userId) return this.find(tx, ref.userId);
    return ref.email ? this.findByEmail(tx, ref.email) : undefined;
  }

  /** A team or organisation member: an unknown one is created as an internal user (LiteLLM). */
  async findOrCreateMember(tx: Tx, ref: { userId?: string; email?: string }): Promise<UserRecord> {
    const found = await this.findByRef(tx, ref);
    if (found) return found;
    return this.create(tx, ref.userId ?? randomUUID(), {
      role: 'internal_user',
      ...(ref.email ? { email: ref.email } : {}),
    });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.key.deleteMany({ where: { userId: id } });
    await tx.user.delete({ where: { id } });
  }

  async list(
    tx: Tx,
    filter: UserFilter,
    page: { skip: number; take: number },
  ): Promise<{ users: UserRecord[]; total: number }> {
    const where = userWhere(filter);
    const [rows, total] = await Promise.all([
      tx.user.findMany({
        where,
        include: withTeams,
        orderBy: { createdAt: 'desc' },
        skip: page.skip,
        take: page.take,
      }),
      tx.user.count({ where }),
    ]);
    return { users: rows.map(toUser), total };
  }

  page(tx: Tx, filter: UserFilter, request: PageRequest<UserSort>): Promise<Page<UserRecord>> {
    return pageOf(tx.user as never, userWhere(filter), request, toUser, withTeams);
  }

  /** Users by id, for batched loading (one query). */
  async byIds(tx: Tx, ids: readonly string[]): Promise<UserRecord[]> {
    const rows = await tx.user.findMany({ where: { id: { in: [...ids] } }, include: withTeams });
    return rows.map(toUser);
  }
}
