import type { RequestSummary } from '@switchyard/kernel';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

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

/**
 * LiteLLM's request-level instruments (`litellm_proxy_*`, latencies, spend, tokens, budgets), fed by
 * one RequestSummary per finished request. Counter names carry the `_total` that Python's client
 * appends, so the wire names are LiteLLM's.
 */
export class RequestInstruments {
  private readonly totalRequests: Counter<(typeof TOTAL_REQUESTS)[number]>;
  private readonly failedRequests: Counter<(typeof FAILED_REQUESTS)[number]>;
  private readonly totalLatency: Histogram<(typeof TOTAL_LATENCY)[number]>;
  private readonly apiLatency: Histogram<(typeof API_LATENCY)[number]>;
  private readonly timeToFirstToken: Histogram<(typeof TTFT)[number]>;
  private readonly spend: Counter<(typeof SPEND)[number]>;
  private readonly totalTokens: Counter<(typeof TOKENS)[number]>;
  private readonly inputTokens: Counter<(typeof TOKENS)[number]>;
  private readonly outputTokens: Counter<(typeof TOKENS)[number]>;
  private readonly requests: Counter<(typeof REQUESTS)[number]>;
  private readonly remainingKeyBudget: Gauge<(typeof KEY)[number]>;
  private readonly keyMaxBudget: Gauge<(typeof KEY)[number]>;
  private readonly remainingTeamBudget: Gauge<(typeof TEAM)[number]>;
  private readonly teamMaxBudget: Gauge<(typeof TEAM)[number]>;
  private readonly latencyPerOutputToken: Histogram<(typeof PER_OUTPUT_TOKEN)[number]>;

  constructor(
    registry: Registry,
    private readonly options: MetricsOptions,
  ) {
    const registers = [registry];
    const buckets = [...options.latencyBuckets];
    this.totalRequests = new Counter({
      name: 'litellm_proxy_total_requests_metric_total',
      help: 'Total number of requests made to the proxy server - track number of client side requests',
      labelNames: TOTAL_REQUESTS,
      registers,
    });
    this.failedRequests = new Counter({
      name: 'litellm_proxy_failed_requests_metric_total',
      help: 'Total number of failed responses from proxy - the client did not get a success response from litellm proxy',
      labelNames: FAILED_REQUESTS,
      registers,
    });
    this.totalLatency = new Histogram({
      name: 'litellm_request_total_latency_metric',
      help: 'Total latency (seconds) for a request to LiteLLM',
      labelNames: TOTAL_LATENCY,
      buckets,
      registers,
    });
    this.apiLatency = new Histogram({
      name: 'litellm_llm_api_latency_metric',
      help: 'Total latency (seconds) for a models LLM API call',
      labelNames: API_LATENCY,
      buckets,
      registers,
    });
    this.timeToFirstToken = new Histogram({
      name: 'litellm_llm_api_time_to_first_token_metric',
      help: 'Time to first token for a models LLM API call',
      labelNames: TTFT,
      buckets,
      registers,
    });
    this.spend = new Counter({
      name: 'litellm_spend_metric_total',
      help: 'Total spend on LLM requests',
      labelNames: SPEND,
      registers,
    });
    this.totalTokens = new Counter({
      name: 'litellm_total_tokens_metric_total',
      help: 'Total number of input + output tokens from LLM requests',
      labelNames: TOKENS,
      registers,
    });
    this.inputTokens = new Counter({
      name: 'litellm_input_tokens_metric_total',
      help: 'Total number of input tokens from LLM requests',
      labelNames: TOKENS,
      registers,
    });
    this.outputTokens = new Counter({
      name: 'litellm_output_tokens_metric_total',
      help: 'Total number of output tokens from LLM requests',
      labelNames: TOKENS,
      registers,
    });
    this.requests = new Counter({
      name: 'litellm_requests_metric_total',
      help: 'deprecated - use litellm_proxy_total_requests_metric. Total number of LLM calls to litellm - track total per API Key, team, user',
      labelNames: REQUESTS,
      registers,
    });
    // Across `--num_workers` processes the lowest remaining budget is the freshest.
    this.remainingKeyBudget = new Gauge({
      name: 'litellm_remaining_api_key_budget_metric',
      help: 'Remaining budget for api key',
      labelNames: KEY,
      aggregator: 'min',
      registers,
    });
    this.keyMaxBudget = new Gauge({
      name: 'litellm_api_key_max_budget_metric',
      help: 'Maximum budget set for api key',
      labelNames: KEY,
      aggregator: 'max',
      registers,
    });
    this.remainingTeamBudget = new Gauge({
      name: 'litellm_remaining_team_budget_metric',
      help: 'Remaining budget for team',
      labelNames: TEAM,
      aggregator: 'min',
      registers,
    });
    this.teamMaxBudget = new Gauge({
      name: 'litellm_team_max_budget_metric',
      help: 'Maximum budget set for team',
      labelNames: TEAM,
      aggregator: 'max',
      registers,
    });
    this.latencyPerOutputToken = new Histogram({
      name: 'litellm_deployment_latency_per_output_token',
      help: 'LLM Deployment Analytics - Latency per output token',
      labelNames: PER_OUTPUT_TOKEN,
      buckets: [...PYTHON_DEFAULT_BUCKETS],
      registers,
    });
  }

  /** @hotpath */
  observe(s: RequestSummary): void {
    const endUser = this.options.endUserLabels ? label(s.endUser) : NONE;
    const key = { hashed_api_key: label(s.keyHash), api_key_alias: label(s.keyAlias) };
    const team = { team: label(s.teamId), team_alias: label(s.teamAlias) };
    const who = { end_user: endUser, ...key, ...team, user: label(s.userId) };
    const route = routeLabel(s.callType);
    const modelId = label(s.deploymentId);
    const model = label(s.litellmModel);
    const requestedModel = s.requestedModel;

    this.totalRequests.inc({
      ...who,
      requested_model: requestedModel,
      status_code: String(s.status),
      user_email: NONE,
      route,
      model_id: modelId,
    });
    if (!s.success) {
      this.failedRequests.inc({
        ...who,
        requested_model: requestedModel,
        user_email: NONE,
        exception_status: String(s.status),
        exception_class: exceptionClassLabel(s.exceptionClass ?? 'InternalServerError', s.provider),
        route,
        model_id: modelId,
      });
    }
    // Every finished request, failed ones too, so the histogram counts what the counters count.
    if (isCountable(s.latencyMs)) {
      this.totalLatency.observe(
        { ...who, requested_model: requestedModel, model, model_id: modelId },
        s.latencyMs / 1000,
      );
    }
    if (s.llmLatencyMs !== null && isCountable(s.llmLatencyMs)) {
      this.apiLatency.observe({ ...who, requested_model: requestedModel, model }, s.llmLatencyMs / 1000);
    }
    if (s.stream && s.timeToFirstTokenMs !== null && isCountable(s.timeToFirstTokenMs)) {
      this.timeToFirstToken.observe(
        { ...who, requested_model: requestedModel, model, model_id: modelId },
        s.timeToFirstTokenMs / 1000,
      );
    }
    if (!s.success) return;

    this.requests.inc({ ...who, model, user_email: NONE });
    if (isCountable(s.cost)) this.spend.inc({ ...who, model }, s.cost);
    const tokenLabels = { ...who, requested_model: requestedModel, model };
    const input = isCountable(s.promptTokens) ? s.promptTokens : 0;
    const output = isCountable(s.completionTokens) ? s.completionTokens : 0;
    this.inputTokens.inc(tokenLabels, input);
    this.outputTokens.inc(tokenLabels, output);
    this.totalTokens.inc(tokenLabels, input + output);

    // LiteLLM reports +Inf remaining for a key or team without a budget.
    if (s.keyHash !== null) {
      this.remainingKeyBudget.set(key, s.remainingKeyBudget ?? Infinity);
      if (s.keyMaxBudget !== null) this.keyMaxBudget.set(key, s.keyMaxBudget);
    }
    if (s.teamId !== null) {
      this.remainingTeamBudget.set(team, s.remainingTeamBudget ?? Infinity);
      if (s.teamMaxBudget !== null) this.teamMaxBudget.set(team, s.teamMaxBudget);
    }
    if (s.deploymentId !== null && output > 0 && s.llmLatencyMs !== null && isCountable(s.llmLatencyMs)) {
      this.latencyPerOutputToken.observe(
        {
          litellm_model_name: model,
          model_id: modelId,
          api_base: label(s.apiBase),
          api_provider: label(s.provider),
          ...key,
          ...team,
        },
        s.llmLatencyMs / 1000 / output,
      );
    }
  }
}
