import { Injectable } from '@nestjs/common';
import type { Prisma, Team } from '@switchyard/db';

import { budgetResetAt } from '../budget-reset-at';
import { pageOf, type Page, type PageRequest } from '../paging';
import type { TeamRole } from '../roles';
import type { TeamFields, TeamMember, TeamRecord } from './team.types';
import { jsonObject } from '../json-object';

type Tx = Prisma.TransactionClient;

export type TeamSort = 'createdAt' | 'updatedAt' | 'spend';

export interface TeamFilter {
  ids?: readonly string[];
  organizationId?: string;
  aliasContains?: string;
  blocked?: boolean;
}

function teamWhere(filter: TeamFilter): Prisma.TeamWhereInput {
  return {
    ...(filter.ids ? { id: { in: [...filter.ids] } } : {}),
    ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
    ...(filter.aliasContains
      ? { alias: { contains: filter.aliasContains, mode: 'insensitive' as const } }
      : {}),
    ...(filter.blocked !== undefined ? { blocked: filter.blocked } : {}),
  };
}
type Row = Team & { memberships: Array<{ userId: string; role: string; user: { email: string | null } }> };

const withMembers = {
  memberships: {
    select: { userId: true, role: true, user: { select: { email: true } } },
    orderBy: { createdAt: 'asc' },
  },
} as const satisfies Prisma.TeamInclude;

function toTeam(row: Row): TeamRecord {
  return {
    id: row.id,
    alias: row.alias,
    organizationId: row.organizationId,
    models: row.models,
    maxBudget: row.maxBudget,
    budgetDuration: row.budgetDuration,
    spend: row.spend,
    rpmLimit: row.rpmLimit,
    tpmLimit: row.tpmLimit,
    maxParallelRequests: row.maxParallelRequests,
    blocked: row.blocked,
    metadata: jsonObject(row.metadata),
    members: row.memberships.map((m) => ({
      userId: m.userId,
      email: m.user.email,
      role: m.role as TeamRole,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function columns(fields: TeamFields): Prisma.TeamUncheckedUpdateInput {
  const { metadata, ...rest } = fields;
  return {
    ...rest,
    ...(metadata !== undefined ? { metadata: metadata as Prisma.InputJsonObject } : {}),
    ...(fields.budgetDuration !== undefined ? { budgetResetAt: budgetResetAt(fields.budgetDuration) } : {}),
  };
}

@Injectable()
export class TeamRepository {
  async create(tx: Tx, id: string, fields: TeamFields): Promise<TeamRecord> {
    return toTeam(
      await tx.team.create({
        data: { ...(columns(fields) as Prisma.TeamUncheckedCreateInput), id },
        include: withMembers,
      }),
    );
  }

  async update(tx: Tx, id: string, fields: TeamFields): Promise<TeamRecord> {
    return toTeam(await tx.team.update({ where: { id }, data: columns(fields), include: withMembers }));
  }

  async find(tx: Tx, id: string): Promise<TeamRecord | undefined> {
    const row = await tx.team.findUnique({ where: { id }, include: withMembers });
    return row ? toTeam(row) : undefined;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.key.deleteMany({ where: { teamId: id } });
    await tx.team.delete({ where: { id } });
  }

  async upsertMember(tx: Tx, teamId: string, userId: string, role: TeamRole): Promise<void> {
    await tx.teamMembership.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, role },
      update: { role },
    });
  }

  async deleteMember(tx: Tx, teamId: string, userId: string): Promise<boolean> {
    const { count } = await tx.teamMembership.deleteMany({ where: { teamId, userId } });
    return count > 0;
  }

  async list(tx: Tx, filter: TeamFilter, page: { skip: number; take: number }) {
    const where = teamWhere(filter);
    const [rows, total] = await Promise.all([
      tx.team.findMany({
        where,
        include: withMembers,
        orderBy: { createdAt: 'desc' },
        skip: page.skip,
        take: page.take,
      }),
      tx.team.count({ where }),
    ]);
    return { teams: rows.map(toTeam), total };
  }

  page(tx: Tx, filter: TeamFilter, request: PageRequest<TeamSort>): Promise<Page<TeamRecord>> {
    return pageOf(tx.team as never, teamWhere(filter), request, toTeam, withMembers);
  }

  /** Teams by id, members included, for batched loading (one query). */
  async byIds(tx: Tx, ids: readonly string[]): Promise<TeamRecord[]> {
    const rows = await tx.team.findMany({ where: { id: { in: [...ids] } }, include: withMembers });
    return rows.map(toTeam);
  }

  /** The team memberships of these users (one query). */
  async membershipsOf(
    tx: Tx,
    userIds: readonly string[],
  ): Promise<Array<{ userId: string; teamId: string; role: TeamRole }>> {
    const rows = await tx.teamMembership.findMany({
      where: { userId: { in: [...userIds] } },
      select: { userId: true, teamId: true, role: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((row) => ({ ...row, role: row.role as TeamRole }));
  }

  /** A page of a team's members, oldest first (then by user id), with their e-mails. */
  memberPage(
    tx: Tx,
    teamId: string,
    request: { first: number; after?: string | null },
  ): Promise<Page<TeamMember>> {
    return pageOf(
      tx.teamMembership as never,
      { teamId },
      { ...request, sort: 'createdAt', direction: 'asc' },
      (row: { userId: string; role: string; user: { email: string | null } }) => ({
        userId: row.userId,
        email: row.user.email,
        role: row.role as TeamRole,
      }),
      { user: { select: { email: true } } },
      'userId',
    );
  }
}
