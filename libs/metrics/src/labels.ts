import type { GatewayConfig } from '@switchyard/config';

/** How LiteLLM (Python) renders a label whose value is `None`; dashboards and its tests match on it. */
export const NONE = 'None';

/** LiteLLM's `LATENCY_BUCKETS` (seconds), asserted exactly by its Prometheus tests. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8,
  8.5, 9, 9.5, 10, 15, 20, 25, 30, 60, 120, 180, 240, 300,
];

/** prometheus_client's default buckets, which LiteLLM's histograms without explicit buckets get. */
export const PYTHON_DEFAULT_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** A label value: null/undefined become `"None"`, as in LiteLLM. */
export function label(value: string | null | undefined): string {
  return value ?? NONE;
}

/** Python's `str.capitalize()`: LiteLLM's exception classes read `Openai.RateLimitError`. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

/** LiteLLM's `exception_class` label: `<Provider>.<Class>` for provider errors, else the class. */
export function exceptionClassLabel(exceptionClass: string | null, provider: string | null): string {
  if (exceptionClass === null) return NONE;
  return provider ? `${capitalize(provider)}.${exceptionClass}` : exceptionClass;
}

/** The route LiteLLM reports for a call type (the request path without the optional `/v1`). */
const ROUTES: Readonly<Record<string, string>> = {
  chat: '/chat/completions',
  completion: '/completions',
  embedding: '/embeddings',
  moderation: '/moderations',
  messages: '/v1/messages',
  responses: '/v1/responses',
  realtime: '/v1/realtime',
};

export function routeLabel(callType: string): string {
  return ROUTES[callType] ?? `/${callType}`;
}

/** Counters only go up: ignore negative, NaN and infinite amounts instead of throwing on the hot path. */
export function isCountable(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

/** The settings of `litellm_settings` that shape the instruments. */
export interface MetricsOptions {
  /** `prometheus_latency_buckets`, else LiteLLM's LATENCY_BUCKETS. */
  readonly latencyBuckets: readonly number[];
  /**
   * `enable_end_user_cost_tracking_prometheus_only`: end users are the request's `user` field, chosen
   * by clients, so the `end_user` label stays `"None"` unless this is set (as in LiteLLM).
   */
  readonly endUserLabels: boolean;
  /** `require_auth_for_metrics_endpoint`: `GET /metrics` needs a valid key. */
  readonly requireAuth: boolean;
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['true', '1', 'yes'].includes(value.toLowerCase()));
}

function bucketsOf(value: unknown): readonly number[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const numbers = value.map((v) => (typeof v === 'number' ? v : Number(v)));
  // +Inf is always the last bucket; prom-client adds it.
  const finite = numbers.filter((n) => Number.isFinite(n));
  if (finite.length !== numbers.filter((n) => n !== Infinity).length || finite.length === 0) return undefined;
  return [...new Set(finite)].sort((a, b) => a - b);
}

export function metricsOptionsOf(config: GatewayConfig | undefined): MetricsOptions {
  const settings = config?.raw.litellmSettings ?? {};
  return {
    latencyBuckets: bucketsOf(settings['prometheus_latency_buckets']) ?? LATENCY_BUCKETS,
    endUserLabels: isTrue(settings['enable_end_user_cost_tracking_prometheus_only']),
    requireAuth: isTrue(settings['require_auth_for_metrics_endpoint']),
  };
}
