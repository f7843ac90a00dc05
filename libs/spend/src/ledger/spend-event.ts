/** One proxied request as the ledger records it; the payload of the spend-events queue (v1). */
export interface SpendEvent {
  readonly v: 1;
  readonly requestId: string;
  readonly callType: string;
  /** SHA-256 of the virtual key; null for the master key or an open gateway. */
  readonly apiKey: string | null;
  readonly keyAlias: string | null;
  readonly userId: string | null;
  readonly teamId: string | null;
  readonly organizationId: string | null;
  /** The request's `user` field (LiteLLM's end user / customer). */
  readonly endUser: string | null;
  readonly model: string;
  readonly modelGroup: string | null;
  readonly modelId: string | null;
  readonly provider: string | null;
  readonly apiBase: string | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly cost: number;
  /** Epoch milliseconds. */
  readonly startTime: number;
  readonly endTime: number;
  readonly status: 'success' | 'failure';
  readonly cacheHit: boolean;
  readonly tags: readonly string[];
  readonly messages?: unknown;
  readonly response?: unknown;
  readonly errorCode?: string;
}

export interface SpendBatch {
  readonly events: readonly SpendEvent[];
}

export const SPEND_EVENTS_QUEUE = 'spend-events';
export const SPEND_BATCH_JOB = 'spend-batch';
