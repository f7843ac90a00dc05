import type { BudgetRecord, Mapped, OrganizationRecord, TeamRecord, UserRecord } from './import-records';
import { budgetWindowOf, limitsOf, userRoleOf } from './field-mapping';
import { flag, numberOf, object, text, texts, timestamp, type LiteLlmRow } from './litellm-row';

const IMPORTER = 'litellm-import';

export function mapBudget(row: LiteLlmRow): Mapped<BudgetRecord> {
  const id = text(row, 'budget_id');
  if (id === null) return { skip: 'no budget_id' };
  const notes: string[] = [];
  return {
    value: {
      id,
      maxBudget: numberOf(row, 'max_budget'),
      softBudget: numberOf(row, 'soft_budget'),
      ...budgetWindowOf(row, notes),
      ...limitsOf(row, notes),
      createdAt: timestamp(row, 'created_at'),
    },
    notes,
  };
}

export function mapOrganization(row: LiteLlmRow): Mapped<OrganizationRecord> {
  const id = text(row, 'organization_id');
  if (id === null) return { skip: 'no organization_id' };
  const notes: string[] = [];
  const alias = text(row, 'organization_alias');
  if (alias === null) notes.push('no organization_alias: copied with its id as alias');
  return {
    value: {
      id,
      alias: alias ?? id,
      budgetId: text(row, 'budget_id'),
      models: texts(row, 'models'),
      spend: numberOf(row, 'spend') ?? 0,
      metadata: object(row, 'metadata'),
      createdBy: text(row, 'created_by') ?? IMPORTER,
      updatedBy: text(row, 'updated_by') ?? IMPORTER,
      createdAt: timestamp(row, 'created_at'),
    },
    notes,
  };
}

export function mapUser(row: LiteLlmRow): Mapped<UserRecord> {
  const id = text(row, 'user_id');
  if (id === null) return { skip: 'no user_id' };
  const notes: string[] = [];
  return {
    value: {
      id,
      email: text(row, 'user_email'),
      alias: text(row, 'user_alias'),
      role: userRoleOf(row, notes),
      models: texts(row, 'models'),
      maxBudget: numberOf(row, 'max_budget'),
      ...budgetWindowOf(row, notes),
      spend: numberOf(row, 'spend') ?? 0,
      ...limitsOf(row, notes),
      metadata: object(row, 'metadata'),
      createdAt: timestamp(row, 'created_at'),
    },
    notes,
  };
}

export function mapTeam(row: LiteLlmRow): Mapped<TeamRecord> {
  const id = text(row, 'team_id');
  if (id === null) return { skip: 'no team_id' };
  const notes: string[] = [];
  const softBudget = numberOf(row, 'soft_budget');
  if (softBudget !== null) notes.push(`soft_budget ${softBudget} not copied: teams have no soft budget here`);
  return {
    value: {
      id,
      alias: text(row, 'team_alias'),
      organizationId: text(row, 'organization_id'),
      models: texts(row, 'models'),
      maxBudget: numberOf(row, 'max_budget'),
      ...budgetWindowOf(row, notes),
      spend: numberOf(row, 'spend') ?? 0,
      ...limitsOf(row, notes),
      blocked: flag(row, 'blocked'),
      metadata: object(row, 'metadata'),
      createdAt: timestamp(row, 'created_at'),
    },
    notes,
  };
}
