import type { RequestSummary } from '@switchyard/kernel';
import type { Registry } from 'prom-client';

import {
  SeriesCounter,
  SeriesGauge,
  SeriesHistogram,
  seriesKey,
  type HistogramCell,
  type ValueCell,
} from './series';
import {
  exceptionClassLabel,
  isCountable,
  label,
  NONE,
  PYTHON_DEFAULT_BUCKETS,
  routeLabel,
  type MetricsOptions,
} from './labels';

const TOTAL_REQUESTS = [
  'end_user',
  'hashed_api_key',
  'api_key_alias',
  'requested_model',
  'team',
  'team_alias',
  'user',
  'status_code',
  'user_email',
  'route',
  'model_id',
] as const;
const FAILED_REQUESTS = [
  'end_user',
  'hashed_api_key',
  'api_key_alias',
  'requested_model',
  'team',
  'team_alias',
  'user',
  'user_email',
  'exception_status',
  'exception_class',
  'route',
  'model_id',
] as const;
const TOTAL_LATENCY = [
  'end_user',
  'hashed_api_key',
  'api_key_alias',
  'requested_model',
  'team',
  'team_alias',
  'user',
  'model',
  'model_id',
] as const;
const API_LATENCY = [
  'model',
  'hashed_api_key',
  'api_key_alias',
  'team',
  'team_alias',
  'requested_model',
  'end_user',
  'user',
] as const;
const TTFT = [...API_LATENCY, 'model_id'] as const;
const SPEND = ['end_user', 'hashed_api_key', 'api_key_alias', 'model', 'team', 'team_alias', 'user'] as const;
const TOKENS = [
  'end_user',
  'hashed_api_key',
  'api_key_alias',
  'requested_model',
  'team',
  'team_alias',
  'user',
  'model',
] as const;
const REQUESTS = [...SPEND, 'user_email'] as const;
const KEY = ['hashed_api_key', 'api_key_alias'] as const;
const TEAM = ['team', 'team_alias'] as const;
const PER_OUTPUT_TOKEN = [
  'litellm_model_name',
  'model_id',
  'api_base',
  'api_provider',
  'hashed_api_key',
  'api_key_alias',
  'team',
  'team_alias',
] as const;

type Labels = Record<string, string>;

/** The labels a request's series share, and its cells once made: one lookup per request. */
class RequestSeries {
  readonly byStatus = new Map<number, ValueCell>();
  readonly failures = new Map<string, ValueCell>();
  totalLatency: HistogramCell | undefined;
  apiLatency: HistogramCell | undefined;
  timeToFirstToken: HistogramCell | undefined;
  requests: ValueCell | undefined;
  spend: ValueCell | undefined;
  inputTokens: ValueCell | undefined;
  outputTokens: ValueCell | undefined;
  totalTokens: ValueCell | undefined;
  remainingKeyBudget: ValueCell | undefined;
  keyMaxBudget: ValueCell | undefined;
  remainingTeamBudget: ValueCell | undefined;
  teamMaxBudget: ValueCell | undefined;
  latencyPerOutputToken: HistogramCell | undefined;

  constructor(
    /** end_user, key, team and user */
    readonly who: Labels,
    readonly key: Labels,
    readonly team: Labels,
    readonly requestedModel: string,
    readonly model: string,
    readonly modelId: string,
    readonly route: string,
    readonly apiBase: string,
    readonly provider: string,
  ) {}
}

/**
 * LiteLLM's request-level instruments (`litellm_proxy_*`, latencies, spend, tokens, budgets), fed by
 * one RequestSummary per finished request. Counter names carry the `_total` that Python's client
 * appends, so the wire names are LiteLLM's.
 */
export class RequestInstruments {
  private readonly totalRequests: SeriesCounter;
  private readonly failedRequests: SeriesCounter;
  private readonly totalLatency: SeriesHistogram;
  private readonly apiLatency: SeriesHistogram;
  private readonly timeToFirstToken: SeriesHistogram;
  private readonly spend: SeriesCounter;
  private readonly totalTokens: SeriesCounter;
  private readonly inputTokens: SeriesCounter;
  private readonly outputTokens: SeriesCounter;
  private readonly requests: SeriesCounter;
  private readonly remainingKeyBudget: SeriesGauge;
  private readonly keyMaxBudget: SeriesGauge;
  private readonly remainingTeamBudget: SeriesGauge;
  private readonly teamMaxBudget: SeriesGauge;
  private readonly latencyPerOutputToken: SeriesHistogram;
  /** Label set of a request (see seriesKey) → its series. */
  private readonly series = new Map<string, RequestSeries>();

  constructor(
    registry: Registry,
    private readonly options: MetricsOptions,
  ) {
    const buckets = options.latencyBuckets;
    this.totalRequests = new SeriesCounter(
      registry,
      'litellm_proxy_total_requests_metric_total',
      'Total number of requests made to the proxy server - track number of client side requests',
      TOTAL_REQUESTS,
    );
    this.failedRequests = new SeriesCounter(
      registry,
      'litellm_proxy_failed_requests_metric_total',
      'Total number of failed responses from proxy - the client did not get a success response from litellm proxy',
      FAILED_REQUESTS,
    );
    this.totalLatency = new SeriesHistogram(
      registry,
      'litellm_request_total_latency_metric',
      'Total latency (seconds) for a request to LiteLLM',
      TOTAL_LATENCY,
      buckets,
    );
    this.apiLatency = new SeriesHistogram(
      registry,
      'litellm_llm_api_latency_metric',
      'Total latency (seconds) for a models LLM API call',
      API_LATENCY,
      buckets,
    );
    this.timeToFirstToken = new SeriesHistogram(
      registry,
      'litellm_llm_api_time_to_first_token_metric',
      'Time to first token for a models LLM API call',
      TTFT,
      buckets,
    );
    this.spend = new SeriesCounter(
      registry,
      'litellm_spend_metric_total',
      'Total spend on LLM requests',
      SPEND,
    );
    this.totalTokens = new SeriesCounter(
      registry,
      'litellm_total_tokens_metric_total',
      'Total number of input + output tokens from LLM requests',
      TOKENS,
    );
    this.inputTokens = new SeriesCounter(
      registry,
      'litellm_input_tokens_metric_total',
      'Total number of input tokens from LLM requests',
      TOKENS,
    );
    this.outputTokens = new SeriesCounter(
      registry,
      'litellm_output_tokens_metric_total',
      'Total number of output tokens from LLM requests',
      TOKENS,
    );
    this.requests = new SeriesCounter(
      registry,
      'litellm_requests_metric_total',
      'deprecated - use litellm_proxy_total_requests_metric. Total number of LLM calls to litellm - track total per API Key, team, user',
      REQUESTS,
    );
    // Across `--num_workers` processes the lowest remaining budget is the freshest.
    this.remainingKeyBudget = new SeriesGauge(
      registry,
      'litellm_remaining_api_key_budget_metric',
      'Remaining budget for api key',
      KEY,
      'min',
    );
    this.keyMaxBudget = new SeriesGauge(
      registry,
      'litellm_api_key_max_budget_metric',
      'Maximum budget set for api key',
      KEY,
      'max',
    );
    this.remainingTeamBudget = new SeriesGauge(
      registry,
      'litellm_remaining_team_budget_metric',
      'Remaining budget for team',
      TEAM,
      'min',
    );
    this.teamMaxBudget = new SeriesGauge(
      registry,
      'litellm_team_max_budget_metric',
      'Maximum budget set for team',
      TEAM,
      'max',
    );
    this.latencyPerOutputToken = new SeriesHistogram(
      registry,
      'litellm_deployment_latency_per_output_token',
      'LLM Deployment Analytics - Latency per output token',
      PER_OUTPUT_TOKEN,
      PYTHON_DEFAULT_BUCKETS,
    );
  }

  /** @hotpath */
  observe(s: RequestSummary): void {
    const series = this.seriesOf(s);
    const { who, requestedModel, model, modelId } = series;

    let total = series.byStatus.get(s.status);
    if (!total) {
      total = this.totalRequests.cell({
        ...who,
        requested_model: requestedModel,
        status_code: String(s.status),
        user_email: NONE,
        route: series.route,
        model_id: modelId,
      });
      series.byStatus.set(s.status, total);
    }
    total.inc();
    if (!s.success) {
      const exceptionClass = exceptionClassLabel(s.exceptionClass ?? 'InternalServerError', s.provider);
      const failureKey = `${s.status} ${exceptionClass}`;
      let failed = series.failures.get(failureKey);
      if (!failed) {
        failed = this.failedRequests.cell({
          ...who,
          requested_model: requestedModel,
          user_email: NONE,
          exception_status: String(s.status),
          exception_class: exceptionClass,
          route: series.route,
          model_id: modelId,
        });
        series.failures.set(failureKey, failed);
      }
      failed.inc();
    }
    // Every finished request, failed ones too, so the histogram counts what the counters count.
    if (isCountable(s.latencyMs)) {
      series.totalLatency ??= this.totalLatency.cell({
        ...who,
        requested_model: requestedModel,
        model,
        model_id: modelId,
      });
      series.totalLatency.observe(s.latencyMs / 1000);
    }
    if (s.llmLatencyMs !== null && isCountable(s.llmLatencyMs)) {
      series.apiLatency ??= this.apiLatency.cell({ ...who, requested_model: requestedModel, model });
      series.apiLatency.observe(s.llmLatencyMs / 1000);
    }
    if (s.stream && s.timeToFirstTokenMs !== null && isCountable(s.timeToFirstTokenMs)) {
      series.timeToFirstToken ??= this.timeToFirstToken.cell({
        ...who,
        requested_model: requestedModel,
        model,
        model_id: modelId,
      });
      series.timeToFirstToken.observe(s.timeToFirstTokenMs / 1000);
    }
    if (!s.success) return;

    (series.requests ??= this.requests.cell({ ...who, model, user_email: NONE })).inc();
    if (isCountable(s.cost)) (series.spend ??= this.spend.cell({ ...who, model })).inc(s.cost);
    if (!series.inputTokens) {
      const tokenLabels = { ...who, requested_model: requestedModel, model };
      series.inputTokens = this.inputTokens.cell(tokenLabels);
      series.outputTokens = this.outputTokens.cell(tokenLabels);
      series.totalTokens = this.totalTokens.cell(tokenLabels);
    }
    const input = isCountable(s.promptTokens) ? s.promptTokens : 0;
    const output = isCountable(s.completionTokens) ? s.completionTokens : 0;
    series.inputTokens.inc(input);
    series.outputTokens!.inc(output);
    series.totalTokens!.inc(input + output);

    // LiteLLM reports +Inf remaining for a key or team without a budget.
    if (s.keyHash !== null) {
      (series.remainingKeyBudget ??= this.remainingKeyBudget.cell(series.key)).set(
        s.remainingKeyBudget ?? Infinity,
      );
      if (s.keyMaxBudget !== null)
        (series.keyMaxBudget ??= this.keyMaxBudget.cell(series.key)).set(s.keyMaxBudget);
    }
    if (s.teamId !== null) {
      (series.remainingTeamBudget ??= this.remainingTeamBudget.cell(series.team)).set(
        s.remainingTeamBudget ?? Infinity,
      );
      if (s.teamMaxBudget !== null) {
        (series.teamMaxBudget ??= this.teamMaxBudget.cell(series.team)).set(s.teamMaxBudget);
      }
    }
    if (s.deploymentId !== null && output > 0 && s.llmLatencyMs !== null && isCountable(s.llmLatencyMs)) {
      series.latencyPerOutputToken ??= this.latencyPerOutputToken.cell({
        litellm_model_name: model,
        model_id: modelId,
        api_base: series.apiBase,
        api_provider: series.provider,
        ...series.key,
        ...series.team,
      });
      series.latencyPerOutputToken.observe(s.llmLatencyMs / 1000 / output);
    }
  }

  private seriesOf(s: RequestSummary): RequestSeries {
    const endUser = this.options.endUserLabels ? label(s.endUser) : NONE;
    const key = seriesKey([
      endUser,
      s.keyHash,
      s.keyAlias,
      s.teamId,
      s.teamAlias,
      s.userId,
      s.requestedModel,
      s.litellmModel,
      s.deploymentId,
      s.callType,
      s.apiBase,
      s.provider,
    ]);
    let series = this.series.get(key);
    if (!series) {
      const keyLabels = { hashed_api_key: label(s.keyHash), api_key_alias: label(s.keyAlias) };
      const team = { team: label(s.teamId), team_alias: label(s.teamAlias) };
      series = new RequestSeries(
        { end_user: endUser, ...keyLabels, ...team, user: label(s.userId) },
        keyLabels,
        team,
        s.requestedModel,
        label(s.litellmModel),
        label(s.deploymentId),
        routeLabel(s.callType),
        label(s.apiBase),
        label(s.provider),
      );
      this.series.set(key, series);
    }
    return series;
  }
}
