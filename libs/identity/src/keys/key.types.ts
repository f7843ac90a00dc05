/** A virtual key as the services see it: never the key itself nor its hash. */
export interface VirtualKey {
  readonly id: string;
  readonly keyName: string;
  readonly keyAlias: string | null;
  readonly userId: string | null;
  readonly teamId: string | null;
  readonly organizationId: string | null;
  readonly models: readonly string[];
  readonly aliases: Readonly<Record<string, string>>;
  readonly maxBudget: number | null;
  readonly softBudget: number | null;
  readonly budgetDuration: string | null;
  readonly budgetResetAt: Date | null;
  readonly spend: number;
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
  readonly maxParallelRequests: number | null;
  readonly modelMaxBudget: Readonly<Record<string, unknown>>;
  readonly expiresAt: Date | null;
  readonly blocked: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
  readonly createdBy: string | null;
  readonly updatedBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The settable fields of a key (`/key/generate`, `/key/update`); undefined leaves a field as is. */
export interface KeyFields {
  keyAlias?: string | null;
  userId?: string | null;
  teamId?: string | null;
  organizationId?: string | null;
  models?: string[];
  aliases?: Record<string, string>;
  maxBudget?: number | null;
  softBudget?: number | null;
  budgetDuration?: string | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  maxParallelRequests?: number | null;
  modelMaxBudget?: Record<string, unknown>;
  expiresAt?: Date | null;
  blocked?: boolean;
  metadata?: Record<string, unknown>;
  tags?: string[];
}

/** How callers name a key: the key itself, its SHA-256 hash (LiteLLM accepts both) or its id. */
export type KeyRef = { readonly key: string } | { readonly id: string };
