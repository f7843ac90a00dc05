import type { UserRole } from '../roles';

export interface UserRecord {
  readonly id: string;
  readonly email: string | null;
  readonly alias: string | null;
  readonly role: UserRole;
  readonly models: readonly string[];
  readonly maxBudget: number | null;
  readonly budgetDuration: string | null;
  readonly spend: number;
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
  readonly maxParallelRequests: number | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly teams: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface UserFields {
  email?: string | null;
  alias?: string | null;
  role?: UserRole;
  models?: string[];
  maxBudget?: number | null;
  budgetDuration?: string | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  maxParallelRequests?: number | null;
  metadata?: Record<string, unknown>;
}
