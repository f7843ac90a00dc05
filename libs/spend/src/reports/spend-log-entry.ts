/** What a spend-log query may narrow to (all optional, combined with AND). */
export interface SpendLogQuery {
  readonly start?: Date | undefined;
  readonly end?: Date | undefined;
  readonly teamId?: string | undefined;
  readonly userId?: string | undefined;
  /** The key's id (never its hash). */
  readonly keyId?: string | undefined;
  /** A model group or upstream model name. */
  readonly model?: string | undefined;
  readonly status?: 'success' | 'failure' | undefined;
}

/** One request of the ledger as the admin API shows it: the key by id and alias, never its hash. */
export interface SpendLogEntry {
  readonly requestId: string;
  readonly callType: string;
  readonly keyId: string | null;
  readonly keyAlias: string | null;
  readonly userId: string | null;
  readonly teamId: string | null;
  readonly organizationId: string | null;
  readonly endUser: string | null;
  readonly model: string;
  readonly modelGroup: string | null;
  readonly deploymentId: string | null;
  readonly provider: string | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly totalTokens: number;
  readonly spend: number;
  readonly cacheHit: boolean;
  readonly status: string;
  readonly tags: readonly string[];
  readonly startTime: Date;
  readonly endTime: Date;
}

export interface SpendLogPageRequest {
  readonly first: number;
  readonly after?: string | null | undefined;
}

/** A page of spend logs, newest first (cursor pagination by start time, then request id). */
export interface SpendLogPage {
  readonly items: readonly SpendLogEntry[];
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}
