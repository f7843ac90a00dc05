/**
 * One proxied request, as metrics and the access log see it once it is over. Only bounded,
 * non-secret values: key hashes and aliases, never keys.
 */
export interface RequestSummary {
  readonly requestId: string;
  /** The route family: `chat`, `completion`, `embedding`, `moderation`, `messages`, `responses`, `realtime`. */
  readonly callType: string;
  /** The HTTP status the client got (200 for a stream that started, even if it failed later). */
  readonly status: number;
  readonly success: boolean;
  readonly stream: boolean;
  /** The model the client asked for (already authorised: a configured name). */
  readonly requestedModel: string;
  readonly modelGroup: string | null;
  readonly deploymentId: string | null;
  /** `litellm_params.model` of the deployment that answered (or failed last). */
  readonly litellmModel: string | null;
  readonly provider: string | null;
  readonly apiBase: string | null;
  readonly keyHash: string | null;
  readonly keyAlias: string | null;
  readonly userId: string | null;
  readonly teamId: string | null;
  readonly teamAlias: string | null;
  readonly endUser: string | null;
  /** Whole request, ms. */
  readonly latencyMs: number;
  /** The provider's part (first call to answer or last chunk), ms; null when no call was made. */
  readonly llmLatencyMs: number | null;
  /** Streams: time to the first chunk, ms. */
  readonly timeToFirstTokenMs: number | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cost: number;
  readonly cacheHit: boolean;
  readonly retries: number;
  readonly fallbacks: number;
  /** For failures: LiteLLM's exception class (`RateLimitError`...) and the error message. */
  readonly exceptionClass: string | null;
  readonly errorMessage: string | null;
  /** What is left of the key's and the team's budget after this request, when they have one. */
  readonly remainingKeyBudget: number | null;
  readonly remainingTeamBudget: number | null;
  readonly keyMaxBudget: number | null;
  readonly teamMaxBudget: number | null;
}

/** One call to one deployment (a request may make several: retries and fallbacks). */
export interface DeploymentAttempt {
  readonly deploymentId: string;
  readonly litellmModel: string;
  readonly modelGroup: string;
  readonly provider: string;
  readonly apiBase: string;
  readonly success: boolean;
  /** The status the provider's failure maps to; 200 on success. */
  readonly status: number;
  readonly exceptionClass: string | null;
  readonly latencyMs: number;
  readonly keyHash: string | null;
  readonly keyAlias: string | null;
  readonly teamId: string | null;
  readonly teamAlias: string | null;
}
