import { Injectable } from '@nestjs/common';
import type { Prisma } from '@switchyard/db';
import type { TeamRole, UserRole } from '@switchyard/identity';

type Tx = Prisma.TransactionClient;

export interface SsoUser {
  readonly id: string;
  readonly email: string | null;
  readonly alias: string | null;
  readonly role: UserRole;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface SsoUserFields {
  readonly email: string | null;
  readonly alias: string | null;
  readonly role: UserRole;
  readonly metadata: Record<string, unknown>;
}

export interface Membership {
  readonly teamId: string;
  readonly role: TeamRole;
}

const userColumns = { id: true, email: true, alias: true, role: true, metadata: true } as const;

function toUser(row: {
  id: string;
  email: string | null;
  alias: string | null;
  role: string;
  metadata: unknown;
}): SsoUser {
  const metadata =
    typeof row.metadata === 'object' && row.metadata !== null && !Array.isArray(row.metadata)
      ? (row.metadata as Record<string, unknown>)
      : {};
  return { id: row.id, email: row.email, alias: row.alias, role: row.role as UserRole, metadata };
}

/** The user and membership rows SSO reads and writes (only the columns SSO provisioning compares and audits). */
@Injectable()
export class SsoUserRepository {
  async find(tx: Tx, id: string): Promise<SsoUser | undefined> {
    const row = await tx.user.findUnique({ where: { id }, select: userColumns });
    return row ? toUser(row) : undefined;
  }

  async findByEmail(tx: Tx, email: string): Promise<SsoUser | undefined> {
    const row = await tx.user.findUnique({ where: { email }, select: userColumns });
    return row ? toUser(row) : undefined;
  }

  async create(tx: Tx, id: string, fields: SsoUserFields): Promise<SsoUser> {
    const data = { id, ...fields, metadata: fields.metadata as Prisma.InputJsonObject };
    return toUser(await tx.user.create({ data, select: userColumns }));
  }

  async update(tx: Tx, id: string, fields: SsoUserFields): Promise<SsoUser> {
    const data = { ...fields, metadata: fields.metadata as Prisma.InputJsonObject };
    return toUser(await tx.user.update({ where: { id }, data, select: userColumns }));
  }

  /** The id of the team named by `ref`: a team_id, else a team_alias. */
  async teamId(tx: Tx, ref: string): Promise<string | undefined> {
    const byId = await tx.team.findUnique({ where: { id: ref }, select: { id: true } });
    if (byId) return byId.id;
    return (await tx.team.findUnique({ where: { alias: ref }, select: { id: true } }))?.id;
  }

  async memberships(tx: Tx, userId: string): Promise<Membership[]> {
    const rows = await tx.teamMembership.findMany({
      where: { userId },
      select: { teamId: true, role: true },
    });
    return rows.map((row) => ({ teamId: row.teamId, role: row.role as TeamRole }));
  }

  async upsertMembership(tx: Tx, teamId: string, userId: string, role: TeamRole): Promise<void> {
    await tx.teamMembership.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, role },
      update: { role },
    });
  }

  async deleteMembership(tx: Tx, teamId: string, userId: string): Promise<void> {
    await tx.teamMembership.deleteMany({ where: { teamId, userId } });
  }
}
