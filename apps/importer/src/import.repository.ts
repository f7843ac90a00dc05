import type { Prisma, PrismaClient } from '@switchyard/db';

import type {
  BudgetRecord,
  KeyRecord,
  MembershipRecord,
  OrganizationRecord,
  TeamRecord,
  UserRecord,
} from './import-records';

/** Who the audit rows name as the author of every imported entity. */
export const IMPORT_ACTOR = 'litellm-import';

/** What the target database already holds: ids and the values of its unique columns. */
export interface ExistingRows {
  readonly budgetIds: Set<string>;
  readonly organizationIds: Set<string>;
  readonly organizationAliases: Set<string>;
  readonly userIds: Set<string>;
  readonly userEmails: Set<string>;
  readonly teamIds: Set<string>;
  readonly teamAliases: Set<string>;
  readonly teamMembers: Set<string>;
  readonly organizationMembers: Set<string>;
  readonly keyHashes: Set<string>;
  readonly keyAliases: Set<string>;
}

export const memberPair = (groupId: string, userId: string): string => `${groupId}\u0000${userId}`;

const json = (value: unknown): Prisma.InputJsonValue =>
  JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

const createdAt = (date: Date | null) => (date ? { createdAt: date } : {});

type Audit = { action: string; entityType: string; entityId: string; after: unknown };

/** Inserts (never updates) the imported rows, each with its audit row in one transaction. */
export class ImportRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async existing(): Promise<ExistingRows> {
    const [budgets, organizations, users, teams, teamMembers, organizationMembers, keys] = await Promise.all([
      this.prisma.budget.findMany({ select: { id: true } }),
      this.prisma.organization.findMany({ select: { id: true, alias: true } }),
      this.prisma.user.findMany({ select: { id: true, email: true } }),
      this.prisma.team.findMany({ select: { id: true, alias: true } }),
      this.prisma.teamMembership.findMany({ select: { teamId: true, userId: true } }),
      this.prisma.organizationMember.findMany({ select: { organizationId: true, userId: true } }),
      this.prisma.key.findMany({ select: { hash: true, keyAlias: true } }),
    ]);
    const present = <T>(values: readonly T[]) =>
      new Set(values.filter((v): v is NonNullable<T> => v !== null));
    return {
      budgetIds: present(budgets.map((b) => b.id)),
      organizationIds: present(organizations.map((o) => o.id)),
      organizationAliases: present(organizations.map((o) => o.alias)),
      userIds: present(users.map((u) => u.id)),
      userEmails: present(users.map((u) => u.email)),
      teamIds: present(teams.map((t) => t.id)),
      teamAliases: present(teams.map((t) => t.alias)),
      teamMembers: present(teamMembers.map((m) => memberPair(m.teamId, m.userId))),
      organizationMembers: present(organizationMembers.map((m) => memberPair(m.organizationId, m.userId))),
      keyHashes: present(keys.map((k) => k.hash)),
      keyAliases: present(keys.map((k) => k.keyAlias)),
    };
  }

  createBudget(budget: BudgetRecord): Promise<void> {
    const { createdAt: at, ...fields } = budget;
    return this.created(
      { action: 'created', entityType: 'budget', entityId: budget.id, after: budget },
      (tx) => tx.budget.create({ data: { ...fields, ...createdAt(at) } }),
    );
  }

  createOrganization(organization: OrganizationRecord): Promise<void> {
    const { createdAt: at, metadata, ...fields } = organization;
    return this.created(
      { action: 'created', entityType: 'organization', entityId: organization.id, after: organization },
      (tx) => tx.organization.create({ data: { ...fields, metadata: json(metadata), ...createdAt(at) } }),
    );
  }

  createUser(user: UserRecord): Promise<void> {
    const { createdAt: at, metadata, ...fields } = user;
    return this.created({ action: 'created', entityType: 'user', entityId: user.id, after: user }, (tx) =>
      tx.user.create({ data: { ...fields, metadata: json(metadata), ...createdAt(at) } }),
    );
  }

  createTeam(team: TeamRecord): Promise<void> {
    const { createdAt: at, metadata, ...fields } = team;
    return this.created({ action: 'created', entityType: 'team', entityId: team.id, after: team }, (tx) =>
      tx.team.create({ data: { ...fields, metadata: json(metadata), ...createdAt(at) } }),
    );
  }

  addTeamMember({ groupId, userId, role }: MembershipRecord): Promise<void> {
    return this.created(
      { action: 'member_added', entityType: 'team', entityId: groupId, after: { userId, role } },
      (tx) => tx.teamMembership.create({ data: { teamId: groupId, userId, role } }),
    );
  }

  addOrganizationMember({ groupId, userId, role }: MembershipRecord): Promise<void> {
    return this.created(
      { action: 'member_added', entityType: 'organization', entityId: groupId, after: { userId, role } },
      (tx) => tx.organizationMember.create({ data: { organizationId: groupId, userId, role } }),
    );
  }

  /** Returns the new key's id (the handle listings show: never the hash). */
  async createKey(key: KeyRecord): Promise<string> {
    const { createdAt: at, hash, metadata, aliases, modelMaxBudget, ...fields } = key;
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.key.create({
        data: {
          ...fields,
          hash,
          metadata: json(metadata),
          aliases: json(aliases),
          modelMaxBudget: json(modelMaxBudget),
          ...createdAt(at),
        },
      });
      await this.audit(tx, {
        action: 'created',
        entityType: 'key',
        entityId: row.id,
        after: { id: row.id, ...fields },
      });
      return row.id;
    });
  }

  private async created(
    entry: Audit,
    insert: (tx: Prisma.TransactionClient) => Promise<unknown>,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await insert(tx);
      await this.audit(tx, entry);
    });
  }

  private async audit(tx: Prisma.TransactionClient, entry: Audit): Promise<void> {
    await tx.auditLog.create({ data: { ...entry, after: json(entry.after), changedBy: IMPORT_ACTOR } });
  }
}
