import type { TeamRole } from '../roles';

export interface TeamMember {
  readonly userId: string;
  readonly email: string | null;
  readonly role: TeamRole;
}

export interface TeamRecord {
  readonly id: string;
  readonly alias: string | null;
  readonly organizationId: string | null;
  readonly models: readonly string[];
  readonly maxBudget: number | null;
  readonly budgetDuration: string | null;
  readonly spend: number;
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
  readonly maxParallelRequests: number | null;
  readonly blocked: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly members: readonly TeamMember[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface TeamFields {
  alias?: string | null;
  organizationId?: string | null;
  models?: string[];
  maxBudget?: number | null;
  budgetDuration?: string | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  maxParallelRequests?: number | null;
  blocked?: boolean;
  metadata?: Record<string, unknown>;
}

/** A member named by id or e-mail; unknown users are created as internal users (LiteLLM). */
export interface MemberRef {
  readonly userId?: string;
  readonly email?: string;
  readonly role: TeamRole;
}
