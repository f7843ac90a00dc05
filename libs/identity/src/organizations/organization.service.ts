import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { Organization, Prisma } from '@switchyard/db';
import { GatewayError } from '@switchyard/kernel';

import { AccessPolicy } from '../access/access-policy';
import { budgetResetAt } from '../budget-reset-at';
import type { Principal } from '../access/principal';
import { IdentityTransaction, unique } from '../identity-transaction';
import { pageOf, type Page, type PageRequest } from '../paging';
import { UserRepository } from '../users/user.repository';

export interface OrganizationRecord {
  readonly id: string;
  readonly alias: string;
  readonly models: readonly string[];
  readonly spend: number;
  readonly maxBudget: number | null;
  readonly budgetDuration: string | null;
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly members: ReadonlyArray<{ userId: string; role: string }>;
  readonly teams: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface OrganizationFields {
  alias?: string;
  models?: string[];
  maxBudget?: number | null;
  budgetDuration?: string | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  metadata?: Record<string, unknown>;
}

type Row = Organization & {
  budget: {
    maxBudget: number | null;
    budgetDuration: string | null;
    rpmLimit: number | null;
    tpmLimit: number | null;
  } | null;
  members: Array<{ userId: string; role: string }>;
  teams: Array<{ id: string }>;
};

const include = {
  budget: true,
  members: { select: { userId: true, role: true } },
  teams: { select: { id: true } },
} as const satisfies Prisma.OrganizationInclude;

function toOrganization(row: Row): OrganizationRecord {
  return {
    id: row.id,
    alias: row.alias,
    models: row.models,
    spend: row.spend,
    maxBudget: row.budget?.maxBudget ?? null,
    budgetDuration: row.budget?.budgetDuration ?? null,
    rpmLimit: row.budget?.rpmLimit ?? null,
    tpmLimit: row.budget?.tpmLimit ?? null,
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    members: row.members,
    teams: row.teams.map((t) => t.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const notFound = (id: string) =>
  GatewayError.notFound(`Organization not found: organization_id=${id}`, 'organization_id');

function budgetOf(fields: OrganizationFields) {
  return {
    ...(fields.maxBudget !== undefined ? { maxBudget: fields.maxBudget } : {}),
    ...(fields.budgetDuration !== undefined
      ? { budgetDuration: fields.budgetDuration, budgetResetAt: budgetResetAt(fields.budgetDuration) }
      : {}),
    ...(fields.rpmLimit !== undefined ? { rpmLimit: fields.rpmLimit } : {}),
    ...(fields.tpmLimit !== undefined ? { tpmLimit: fields.tpmLimit } : {}),
  };
}

/** Organisations group teams; only proxy admins manage them. Their limits live in a budget row. */
@Injectable()
export class OrganizationService {
  constructor(
    private readonly transaction: IdentityTransaction,
    private readonly users: UserRepository,
  ) {}

  async create(
    principal: Principal,
    id: string | undefined,
    fields: OrganizationFields & { alias: string },
  ): Promise<OrganizationRecord> {
    if (principal.role !== 'proxy_admin') {
      throw GatewayError.forbidden(`Only admins can create orgs. Your role is = ${principal.role}`);
    }
    const organizationId = id ?? randomUUID();
    return this.transaction.run(async (tx, audit) => {
      if (await tx.organization.findUnique({ where: { id: organizationId } })) {
        throw GatewayError.badRequest(
          `Organization already exists: organization_id=${organizationId}`,
          'organization_id',
        );
      }
      const budget = await tx.budget.create({ data: { id: randomUUID(), ...budgetOf(fields) } });
      const row = await unique('organization_alias', fields.alias, () =>
        tx.organization.create({
          data: {
            id: organizationId,
            alias: fields.alias,
            models: fields.models ?? [],
            metadata: (fields.metadata ?? {}) as Prisma.InputJsonObject,
            budgetId: budget.id,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          },
          include,
        }),
      );
      const created = toOrganization(row);
      await audit({
        action: 'created',
        entityType: 'organization',
        entityId: created.id,
        changedBy: principal.userId,
        after: created,
      });
      return created;
    });
  }

  async info(principal: Principal, id: string): Promise<OrganizationRecord> {
    const row = await this.transaction.client.organization.findUnique({ where: { id }, include });
    if (!row) throw notFound(id);
    const organization = toOrganization(row);
    if (
      !AccessPolicy.canReadAll(principal) &&
      !organization.members.some((m) => m.userId === principal.userId)
    ) {
      throw GatewayError.forbidden(
        `You are not a member of organization ${id}. Your role is = ${principal.role}`,
      );
    }
    return organization;
  }

  async update(principal: Principal, id: string, fields: OrganizationFields): Promise<OrganizationRecord> {
    AccessPolicy.requireAdmin(principal, 'update organizations');
    return this.transaction.run(async (tx, audit) => {
      const current = await tx.organization.findUnique({ where: { id }, include });
      if (!current) throw notFound(id);
      const before = toOrganization(current);
      if (current.budgetId)
        await tx.budget.update({ where: { id: current.budgetId }, data: budgetOf(fields) });
      const row = await unique('organization_alias', fields.alias, () =>
        tx.organization.update({
          where: { id },
          data: {
            ...(fields.alias !== undefined ? { alias: fields.alias } : {}),
            ...(fields.models !== undefined ? { models: fields.models } : {}),
            ...(fields.metadata !== undefined ? { metadata: fields.metadata as Prisma.InputJsonObject } : {}),
            updatedBy: principal.userId,
          },
          include,
        }),
      );
      const after = toOrganization(row);
      await audit({
        action: 'updated',
        entityType: 'organization',
        entityId: id,
        changedBy: principal.userId,
        before,
        after,
      });
      return after;
    });
  }

  async delete(principal: Principal, ids: readonly string[]): Promise<void> {
    AccessPolicy.requireAdmin(principal, 'delete organizations');
    await this.transaction.run(async (tx, audit) => {
      for (const id of ids) {
        const row = await tx.organization.findUnique({ where: { id }, include });
        if (!row) throw notFound(id);
        if (row.teams.length > 0) {
          throw GatewayError.badRequest(
            `Organization ${id} still has teams: ${row.teams.map((t) => t.id).join(', ')}`,
            'organization_ids',
          );
        }
        await tx.key.updateMany({ where: { organizationId: id }, data: { organizationId: null } });
        await tx.organization.delete({ where: { id } });
        if (row.budgetId) await tx.budget.delete({ where: { id: row.budgetId } });
        await audit({
          action: 'deleted',
          entityType: 'organization',
          entityId: id,
          changedBy: principal.userId,
          before: toOrganization(row),
        });
      }
    });
  }

  async list(principal: Principal): Promise<OrganizationRecord[]> {
    const rows = await this.transaction.client.organization.findMany({
      where: this.scopeOf(principal),
      include,
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(toOrganization);
  }

  /** A page of the organisations the principal may read (the same scope as `list`), by cursor. */
  page(principal: Principal, request: PageRequest<'createdAt' | 'spend'>): Promise<Page<OrganizationRecord>> {
    const delegate = this.transaction.client.organization;
    return pageOf(delegate as never, this.scopeOf(principal), request, toOrganization, include);
  }

  /** Organisations by id, for batched loading (one query, no access check: callers read them through a team). */
  async byIds(ids: readonly string[]): Promise<OrganizationRecord[]> {
    const rows = await this.transaction.client.organization.findMany({
      where: { id: { in: [...ids] } },
      include,
    });
    return rows.map(toOrganization);
  }

  private scopeOf(principal: Principal): Prisma.OrganizationWhereInput {
    return AccessPolicy.canReadAll(principal) ? {} : { members: { some: { userId: principal.userId } } };
  }

  async addMembers(
    principal: Principal,
    id: string,
    members: ReadonlyArray<{ userId?: string; email?: string; role: string }>,
  ): Promise<OrganizationRecord> {
    AccessPolicy.requireAdmin(principal, 'add organization members');
    return this.transaction.run(async (tx, audit) => {
      if (!(await tx.organization.findUnique({ where: { id } }))) throw notFound(id);
      for (const member of members) {
        const user = await this.users.findOrCreateMember(tx, member);
        await tx.organizationMember.upsert({
          where: { organizationId_userId: { organizationId: id, userId: user.id } },
          create: { organizationId: id, userId: user.id, role: member.role },
          update: { role: member.role },
        });
      }
      const after = toOrganization((await tx.organization.findUnique({ where: { id }, include })) as Row);
      await audit({
        action: 'member_added',
        entityType: 'organization',
        entityId: id,
        changedBy: principal.userId,
        after: after.members,
      });
      return after;
    });
  }
}
