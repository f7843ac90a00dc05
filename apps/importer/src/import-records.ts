/** What the importer writes: our fields, mapped from LiteLLM's rows (no Prisma types). */

export interface BudgetWindow {
  readonly budgetDuration: string | null;
  readonly budgetResetAt: Date | null;
}

export interface Limits {
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
  readonly maxParallelRequests: number | null;
}

export interface BudgetRecord extends BudgetWindow, Limits {
  readonly id: string;
  readonly maxBudget: number | null;
  readonly softBudget: number | null;
  readonly createdAt: Date | null;
}

export interface OrganizationRecord {
  readonly id: string;
  readonly alias: string;
  readonly budgetId: string | null;
  readonly models: string[];
  readonly spend: number;
  readonly metadata: Record<string, unknown>;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: Date | null;
}

export interface UserRecord extends BudgetWindow, Limits {
  readonly id: string;
  readonly email: string | null;
  readonly alias: string | null;
  readonly role: string;
  readonly models: string[];
  readonly maxBudget: number | null;
  readonly spend: number;
  readonly metadata: Record<string, unknown>;
  readonly createdAt: Date | null;
}

export interface TeamRecord extends BudgetWindow, Limits {
  readonly id: string;
  readonly alias: string | null;
  readonly organizationId: string | null;
  readonly models: string[];
  readonly maxBudget: number | null;
  readonly spend: number;
  readonly blocked: boolean;
  readonly metadata: Record<string, unknown>;
  readonly createdAt: Date | null;
}

export interface MembershipRecord {
  /** The team or organisation. */
  readonly groupId: string;
  readonly userId: string;
  readonly role: string;
}

export interface KeyRecord extends BudgetWindow, Limits {
  /** SHA-256 hex of the key: what LiteLLM and this gateway look keys up by. */
  readonly hash: string;
  readonly keyName: string;
  readonly keyAlias: string | null;
  readonly userId: string | null;
  readonly teamId: string | null;
  readonly organizationId: string | null;
  readonly models: string[];
  readonly aliases: Record<string, unknown>;
  readonly maxBudget: number | null;
  readonly softBudget: number | null;
  readonly spend: number;
  readonly modelMaxBudget: Record<string, unknown>;
  readonly expiresAt: Date | null;
  readonly blocked: boolean;
  readonly metadata: Record<string, unknown>;
  readonly tags: string[];
  readonly createdBy: string | null;
  readonly updatedBy: string | null;
  readonly createdAt: Date | null;
}

/** A mapped row and what was changed on the way; or why it cannot be copied. */
export type Mapped<T> = { readonly value: T; readonly notes: string[] } | { readonly skip: string };
