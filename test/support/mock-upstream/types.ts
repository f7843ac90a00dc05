import type { IncomingHttpHeaders } from 'node:http';

/** A failure or timing behaviour, named inside a request's `model` or scripted with `failNext`. */
export type MockDirective =
  | 'fail-500'
  | 'fail-400'
  | 'fail-429'
  | 'fail-401'
  | 'drop'
  | 'drop-mid-stream'
  | 'malformed-stream'
  | 'malformed-json'
  | 'usage-none'
  | `slow-${number}`
  | `slowchunks-${number}`;

export interface MockUpstreamOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Host to bind; default 127.0.0.1. */
  host?: string;
  /** When set, OpenAI routes require `Authorization: Bearer <requireKey>` and Azure routes `api-key: <requireKey>`. */
  requireKey?: string;
  /** Keep every request in `requests` (default true; the benchmark turns it off). */
  record?: boolean;
  /** Pause between stream chunks for every stream (default 0); `slowchunks-<ms>` overrides it per request. */
  chunkDelayMs?: number;
  /** Azure deployment name → underlying model reported in responses. Unlisted deployments use `azureDefaultModel`. */
  azureDeployments?: Record<string, string>;
  /** Default `gpt-4o-2024-08-06` (embeddings deployments: `text-embedding-3-small`). */
  azureDefaultModel?: string;
  /** Azure's `prompt_filter_results` / `content_filter_results` fields and leading empty stream chunk (default true). */
  azureContentFilters?: boolean;
  /** Ids listed by `GET /v1/models`. */
  models?: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Raw query string including the leading `?`, or `''`. */
  search: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; `undefined` when the body was empty or not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

export interface MockUpstream {
  /** `http://127.0.0.1:PORT`, without a trailing slash and without `/v1`. */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Requests whose client went away before the response was complete (mock-initiated drops excluded). */
  readonly aborted: number;
  /** Resolves with the abort count once it reaches `count` (counted since start or last `reset`); rejects after `timeoutMs`. */
  waitForAbort(timeoutMs?: number, count?: number): Promise<number>;
  /** Apply `directive` to the next `count` requests on any route, whatever their model. */
  failNext(directive: MockDirective, count?: number): void;
  /** Forget recorded requests, the abort count and scripted failures. */
  reset(): void;
  close(): Promise<void>;
}
