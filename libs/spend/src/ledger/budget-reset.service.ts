import { Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@switchyard/db';
import { budgetResetAt, IdentityEvents } from '@switchyard/identity';

interface Due {
  readonly id: string;
  readonly budgetDuration: string | null;
  readonly budgetResetAt: Date | null;
}

/**
 * Starts a new budget period for keys, users and teams whose `budget_reset_at` has passed: spend
 * back to 0, next reset one `budget_duration` later. A row another worker reset meanwhile is
 * skipped (the update matches the old reset time), so two workers never reset one period twice.
 */
@Injectable()
export class BudgetResetService {
  private readonly logger = new Logger('BudgetReset');

  constructor(
    private readonly events: IdentityEvents,
    private readonly prisma: PrismaService,
  ) {}

  async resetDue(now = new Date()): Promise<number> {
    const where = { budgetDuration: { not: null }, budgetResetAt: { lte: now } };
    const select = { id: true, budgetDuration: true, budgetResetAt: true } as const;
    const [keys, users, teams] = await Promise.all([
      this.prisma.key.findMany({ where, select: { ...select, hash: true } }),
      this.prisma.user.findMany({ where, select }),
      this.prisma.team.findMany({ where, select }),
    ]);
    const scopes: string[] = [];
    const resetHashes: string[] = [];
    for (const key of keys) {
      if (await this.reset(this.prisma.key, key, now)) {
        scopes.push(`key:${key.hash}`);
        resetHashes.push(key.hash);
      }
    }
    for (const user of users)
      if (await this.reset(this.prisma.user, user, now)) scopes.push(`user:${user.id}`);
    for (const team of teams)
      if (await this.reset(this.prisma.team, team, now)) scopes.push(`team:${team.id}`);
    scopes.push(...(await this.resetOrganizations(now)));
    if (scopes.length === 0) return 0;
    this.events.publish({ type: 'budget-reset', scopes });
    if (resetHashes.length > 0) this.events.publish({ type: 'keys', hashes: resetHashes });
    for (const scope of scopes) {
      const [kind, id] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
      if (kind === 'user' || kind === 'team') this.events.publish({ type: kind, id });
    }
    this.logger.log(`new budget period for ${scopes.length} key(s), user(s) and team(s)`);
    return scopes.length;
  }

  /** Organisations keep their period on their budget row; their spend on the organisation. */
  private async resetOrganizations(now: Date): Promise<string[]> {
    const due = await this.prisma.budget.findMany({
      where: { budgetDuration: { not: null }, budgetResetAt: { lte: now }, organizations: { some: {} } },
      select: {
        id: true,
        budgetDuration: true,
        budgetResetAt: true,
        organizations: { select: { id: true } },
      },
    });
    const scopes: string[] = [];
    for (const budget of due) {
      const renewed = await this.prisma.$transaction(async (tx) => {
        const { count } = await tx.budget.updateMany({
          where: { id: budget.id, budgetResetAt: budget.budgetResetAt },
          data: { budgetResetAt: budgetResetAt(budget.budgetDuration, now.getTime()) },
        });
        if (count === 1)
          await tx.organization.updateMany({ where: { budgetId: budget.id }, data: { spend: 0 } });
        return count === 1;
      });
      if (renewed) scopes.push(...budget.organizations.map((org) => `org:${org.id}`));
    }
    return scopes;
  }

  private async reset(
    table: {
      updateMany(args: {
        where: { id: string; budgetResetAt: Date | null };
        data: { spend: number; budgetResetAt: Date | null };
      }): Promise<{ count: number }>;
    },
    row: Due,
    now: Date,
  ): Promise<boolean> {
    const { count } = await table.updateMany({
      where: { id: row.id, budgetResetAt: row.budgetResetAt },
      data: { spend: 0, budgetResetAt: budgetResetAt(row.budgetDuration, now.getTime()) },
    });
    return count === 1;
  }
}
