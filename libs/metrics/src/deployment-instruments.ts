import type { DeploymentAttempt } from '@switchyard/kernel';
import { Counter, Gauge, type Registry } from 'prom-client';

import { exceptionClassLabel, label, NONE } from './labels';
import { SeriesCounter, SeriesGauge, seriesKey, type ValueCell } from './series';

/** A configured deployment as the deployment gauges label it. */
export interface DeploymentView {
  readonly id: string;
  /** `litellm_params.model` */
  readonly litellmModel: string;
  readonly provider: string;
  readonly apiBase: string;
  readonly rpm?: number | undefined;
  readonly tpm?: number | undefined;
}

/** Where the deployment gauges read the deployments in force and their state at scrape time. */
export interface DeploymentSource {
  deployments(): Iterable<DeploymentView>;
  isCoolingDown(id: string): boolean;
  /** Failing its health checks. */
  isUnhealthy(id: string): boolean;
}

/** The deployment an upstream answer came from, and whose key asked (for the remaining-limit gauges). */
export type UpstreamTarget = Pick<
  DeploymentAttempt,
  'deploymentId' | 'litellmModel' | 'modelGroup' | 'provider' | 'apiBase' | 'keyHash' | 'keyAlias'
>;

/** Response headers as Node or undici give them (lower-case names). */
export type UpstreamHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

type Labels = Readonly<Record<string, string>>;

/** The series of one attempt label set. */
interface AttemptSeries {
  readonly labels: Labels;
  readonly total: ValueCell;
  success: ValueCell | undefined;
  readonly failures: Map<string, ValueCell>;
}

/** LiteLLM's state values. */
export const HEALTHY = 0;
export const PARTIAL_OUTAGE = 1;
export const COMPLETE_OUTAGE = 2;

const DEPLOYMENT = ['litellm_model_name', 'model_id', 'api_base', 'api_provider'] as const;
const ATTEMPTS = [
  'requested_model',
  'litellm_model_name',
  'model_id',
  'api_base',
  'api_provider',
  'hashed_api_key',
  'api_key_alias',
  'team',
  'team_alias',
] as const;
const FAILURES = [...ATTEMPTS, 'exception_status', 'exception_class'] as const;
const REMAINING = [
  'model_group',
  'api_provider',
  'api_base',
  'litellm_model_name',
  'hashed_api_key',
  'api_key_alias',
] as const;

/** Provider headers with what is left of the upstream's rate limits (OpenAI/Azure, then Anthropic). */
const REMAINING_REQUESTS_HEADERS = [
  'x-ratelimit-remaining-requests',
  'anthropic-ratelimit-requests-remaining',
];
const REMAINING_TOKENS_HEADERS = ['x-ratelimit-remaining-tokens', 'anthropic-ratelimit-tokens-remaining'];

function headerNumber(headers: UpstreamHeaders, names: readonly string[]): number | undefined {
  for (const name of names) {
    const raw = headers[name];
    const text = typeof raw === 'string' ? raw : raw?.[0];
    if (text === undefined || text.trim() === '') continue;
    const value = Number(text);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

/**
 * Per-deployment instruments: LiteLLM's `litellm_deployment_*` counters from each call to a
 * deployment, the state and limit gauges read from the router at scrape time, and the upstream's
 * remaining rate limits.
 */
export class DeploymentInstruments {
  private readonly total: SeriesCounter;
  private readonly successes: SeriesCounter;
  private readonly failures: SeriesCounter;
  private readonly cooledDown: Counter<(typeof DEPLOYMENT)[number] | 'exception_status'>;
  private readonly remainingRequests: SeriesGauge;
  private readonly remainingTokens: SeriesGauge;
  /** Label set of an attempt → its series. */
  private readonly attemptSeries = new Map<string, AttemptSeries>();
  /** Label set of an upstream answer → its remaining-requests and -tokens series. */
  private readonly remainingSeries = new Map<
    string,
    { requests?: ValueCell; tokens?: ValueCell; labels: Labels }
  >();
  /** Deployment id → status of its last failed call, or null when its last call succeeded. */
  private readonly lastFailure = new Map<string, number | null>();
  /** Deployment id → its labels as calls reported them (for cooldowns of deployments out of the source). */
  private readonly seen = new Map<string, DeploymentView>();
  private source: DeploymentSource | undefined;

  constructor(registry: Registry) {
    const registers = [registry];
    this.total = new SeriesCounter(
      registry,
      'litellm_deployment_total_requests_total',
      'LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure',
      ATTEMPTS,
    );
    this.successes = new SeriesCounter(
      registry,
      'litellm_deployment_success_responses_total',
      'LLM Deployment Analytics - Total number of successful LLM API calls via litellm',
      ATTEMPTS,
    );
    this.failures = new SeriesCounter(
      registry,
      'litellm_deployment_failure_responses_total',
      'LLM Deployment Analytics - Total number of failed LLM API calls for a specific LLM deployment. exception_status is the status of the exception from the llm api',
      FAILURES,
    );
    this.cooledDown = new Counter({
      name: 'litellm_deployment_cooled_down_total',
      help: 'LLM Deployment Analytics - Number of times a deployment has been cooled down by LiteLLM load balancing logic. exception_status is the status of the exception that caused the deployment to be cooled down',
      labelNames: [...DEPLOYMENT, 'exception_status'],
      registers,
    });
    this.remainingRequests = new SeriesGauge(
      registry,
      'litellm_remaining_requests_metric',
      'LLM Deployment Analytics - remaining requests for model, returned from LLM API Provider',
      REMAINING,
      'min',
    );
    this.remainingTokens = new SeriesGauge(
      registry,
      'litellm_remaining_tokens_metric',
      'remaining tokens for model, returned from LLM API Provider',
      REMAINING,
      'min',
    );
    // Read from the router at scrape time: a removed deployment disappears with it.
    const views = () => (this.source ? [...this.source.deployments()] : []);
    const stateOf = (id: string) => this.stateOf(id);
    new Gauge({
      name: 'litellm_deployment_state',
      help: 'LLM Deployment Analytics - The state of the deployment: 0 = healthy, 1 = partial outage, 2 = complete outage',
      labelNames: DEPLOYMENT,
      aggregator: 'max',
      registers,
      collect() {
        this.reset();
        for (const view of views()) this.set(labelsOf(view), stateOf(view.id));
      },
    });
    const limitGauge = (name: string, help: string, pick: (view: DeploymentView) => number | undefined) =>
      new Gauge({
        name,
        help,
        labelNames: DEPLOYMENT,
        aggregator: 'first',
        registers,
        collect() {
          this.reset();
          for (const view of views()) {
            const limit = pick(view);
            if (limit !== undefined) this.set(labelsOf(view), limit);
          }
        },
      });
    limitGauge('litellm_deployment_tpm_limit', 'Deployment TPM limit found in config', (view) => view.tpm);
    limitGauge('litellm_deployment_rpm_limit', 'Deployment RPM limit found in config', (view) => view.rpm);
  }

  watch(source: DeploymentSource): void {
    this.source = source;
  }

  /** 2 while cooling down or failing health checks, 1 after a failed call, 0 after a successful one. */
  stateOf(id: string): number {
    if (this.source?.isCoolingDown(id) || this.source?.isUnhealthy(id)) return COMPLETE_OUTAGE;
    return typeof this.lastFailure.get(id) === 'number' ? PARTIAL_OUTAGE : HEALTHY;
  }

  /** @hotpath */
  observeAttempt(a: DeploymentAttempt): void {
    const series = this.attemptSeriesOf(a);
    series.total.inc();
    if (a.success) {
      (series.success ??= this.successes.cell(series.labels)).inc();
    } else {
      const exceptionClass = exceptionClassLabel(a.exceptionClass ?? 'InternalServerError', a.provider);
      const failureKey = `${a.status} ${exceptionClass}`;
      let failed = series.failures.get(failureKey);
      if (!failed) {
        failed = this.failures.cell({
          ...series.labels,
          exception_status: String(a.status),
          exception_class: exceptionClass,
        });
        series.failures.set(failureKey, failed);
      }
      failed.inc();
    }
    this.lastFailure.set(a.deploymentId, a.success ? null : a.status);
    if (!this.seen.has(a.deploymentId)) {
      this.seen.set(a.deploymentId, {
        id: a.deploymentId,
        litellmModel: a.litellmModel,
        provider: a.provider,
        apiBase: a.apiBase,
      });
    }
  }

  /** A deployment was put into cooldown by this process. */
  observeCooldown(deploymentId: string): void {
    const view = this.viewOf(deploymentId);
    const status = this.lastFailure.get(deploymentId);
    this.cooledDown.inc({
      ...(view
        ? labelsOf(view)
        : { litellm_model_name: NONE, model_id: deploymentId, api_base: NONE, api_provider: NONE }),
      exception_status: typeof status === 'number' ? String(status) : NONE,
    });
  }

  /** The upstream's `x-ratelimit-remaining-requests/tokens` (or Anthropic's) response headers. */
  observeUpstreamRateLimits(target: UpstreamTarget, headers: UpstreamHeaders): void {
    const requests = headerNumber(headers, REMAINING_REQUESTS_HEADERS);
    const tokens = headerNumber(headers, REMAINING_TOKENS_HEADERS);
    if (requests === undefined && tokens === undefined) return;
    const key = seriesKey([
      target.modelGroup,
      target.provider,
      target.apiBase,
      target.litellmModel,
      target.keyHash,
      target.keyAlias,
    ]);
    let series = this.remainingSeries.get(key);
    if (!series) {
      series = {
        labels: {
          model_group: target.modelGroup,
          api_provider: label(target.provider),
          api_base: label(target.apiBase),
          litellm_model_name: target.litellmModel,
          hashed_api_key: label(target.keyHash),
          api_key_alias: label(target.keyAlias),
        },
      };
      this.remainingSeries.set(key, series);
    }
    if (requests !== undefined)
      (series.requests ??= this.remainingRequests.cell(series.labels)).set(requests);
    if (tokens !== undefined) (series.tokens ??= this.remainingTokens.cell(series.labels)).set(tokens);
  }

  private attemptSeriesOf(a: DeploymentAttempt): AttemptSeries {
    const key = seriesKey([
      a.modelGroup,
      a.litellmModel,
      a.deploymentId,
      a.apiBase,
      a.provider,
      a.keyHash,
      a.keyAlias,
      a.teamId,
      a.teamAlias,
    ]);
    let series = this.attemptSeries.get(key);
    if (!series) {
      const labels = {
        requested_model: a.modelGroup,
        litellm_model_name: a.litellmModel,
        model_id: a.deploymentId,
        api_base: label(a.apiBase),
        api_provider: label(a.provider),
        hashed_api_key: label(a.keyHash),
        api_key_alias: label(a.keyAlias),
        team: label(a.teamId),
        team_alias: label(a.teamAlias),
      };
      series = { labels, total: this.total.cell(labels), success: undefined, failures: new Map() };
      this.attemptSeries.set(key, series);
    }
    return series;
  }

  private viewOf(id: string): DeploymentView | undefined {
    if (this.source) {
      for (const view of this.source.deployments()) if (view.id === id) return view;
    }
    return this.seen.get(id);
  }
}

function labelsOf(view: DeploymentView) {
  return {
    litellm_model_name: view.litellmModel,
    model_id: view.id,
    api_base: label(view.apiBase),
    api_provider: label(view.provider),
  };
}
