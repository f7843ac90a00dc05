import { Injectable } from '@nestjs/common';
import { GatewayError, type DeploymentAttempt, type RequestSummary } from '@switchyard/kernel';
import type { CallType } from '@switchyard/providers';
import { AccessLog } from '@switchyard/logging';
import { GatewayMetrics } from '@switchyard/metrics';
import type { Route } from '@switchyard/routing';
import type { SpendEvent } from '@switchyard/spend';

import { failureClassOf } from './failover/error-class';
import type { RequestSpend } from './request-spend';

/** What the handler knows of a request besides its spend event. */
export interface RequestOutcome {
  readonly status: number;
  readonly stream: boolean;
  readonly latencyMs: number;
  readonly llmLatencyMs: number | null;
  readonly timeToFirstTokenMs: number | null;
  readonly retries: number;
  readonly fallbacks: number;
  readonly error?: unknown;
  /** Budget spent before the request by scope kind, from the limits' live counters. */
  readonly spent?: Readonly<Partial<Record<string, number>>>;
}

/** What is left of a budget after this request: the live counter's spend when the limits gave it. */
function remaining(
  limits: { maxBudget: number | null; spend: number } | null | undefined,
  liveSpent: number | undefined,
  cost: number,
) {
  const maxBudget = limits?.maxBudget;
  if (maxBudget === null || maxBudget === undefined || !limits) return null;
  return maxBudget - (liveSpent ?? limits.spend) - cost;
}

function refusedSummary(
  requestId: string,
  callType: CallType,
  requestedModel: string,
  status: number,
  error: unknown,
  timing: { readonly started: number },
): RequestSummary {
  return {
    requestId,
    callType,
    status,
    success: false,
    stream: false,
    requestedModel,
    modelGroup: null,
    deploymentId: null,
    litellmModel: null,
    provider: null,
    apiBase: null,
    keyHash: null,
    keyAlias: null,
    userId: null,
    teamId: null,
    teamAlias: null,
    endUser: null,
    latencyMs: performance.now() - timing.started,
    llmLatencyMs: null,
    timeToFirstTokenMs: null,
    promptTokens: 0,
    completionTokens: 0,
    cost: 0,
    cacheHit: false,
    retries: 0,
    fallbacks: 0,
    exceptionClass: failureClassOf(error) ?? (status === 401 ? 'AuthenticationError' : 'InternalServerError'),
    errorMessage: error instanceof GatewayError ? error.message : 'internal error',
    remainingKeyBudget: null,
    remainingTeamBudget: null,
    keyMaxBudget: null,
    teamMaxBudget: null,
  };
}

/** @hotpath Hands every finished request, and every deployment call, to metrics and the access log. */
@Injectable()
export class RequestObservers {
  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly accessLog: AccessLog,
  ) {}

  finished(spend: RequestSpend, event: SpendEvent, outcome: RequestOutcome): void {
    const identity = spend.principal.kind === 'key' ? spend.principal.identity : undefined;
    const route = spend.route;
    const { error } = outcome;
    const summary: RequestSummary = {
      requestId: event.requestId,
      callType: event.callType,
      status: outcome.status,
      success: event.status === 'success',
      stream: outcome.stream,
      requestedModel: event.model,
      modelGroup: event.modelGroup,
      deploymentId: event.modelId,
      litellmModel: route?.deployment.config.params.model ?? null,
      provider: event.provider,
      apiBase: event.apiBase,
      keyHash: event.apiKey,
      keyAlias: event.keyAlias,
      userId: event.userId,
      teamId: event.teamId,
      teamAlias: null,
      endUser: event.endUser,
      latencyMs: outcome.latencyMs,
      llmLatencyMs: outcome.llmLatencyMs,
      timeToFirstTokenMs: outcome.timeToFirstTokenMs,
      promptTokens: event.promptTokens,
      completionTokens: event.completionTokens,
      cost: event.cost,
      cacheHit: event.cacheHit,
      retries: outcome.retries,
      fallbacks: outcome.fallbacks,
      exceptionClass: error === undefined ? null : (failureClassOf(error) ?? 'InternalServerError'),
      errorMessage:
        error === undefined ? null : error instanceof GatewayError ? error.message : 'internal error',
      remainingKeyBudget: remaining(identity?.key, outcome.spent?.key, event.cost),
      remainingTeamBudget: remaining(identity?.team, outcome.spent?.team, event.cost),
      keyMaxBudget: identity?.key.maxBudget ?? null,
      teamMaxBudget: identity?.team?.maxBudget ?? null,
    };
    this.metrics.observeRequest(summary);
    this.accessLog.request(summary);
  }

  /**
   * A request refused before it was known whose it is (no, unknown, blocked or expired key): its
   * metrics and access-log line, with no key, user or team.
   */
  refused(
    requestId: string,
    callType: CallType,
    requestedModel: string,
    timing: { readonly started: number },
    error: unknown,
  ): void {
    const status = error instanceof GatewayError ? error.status : 500;
    const summary = refusedSummary(requestId, callType, requestedModel, status, error, timing);
    this.metrics.observeRequest(summary);
    this.accessLog.request(summary);
  }

  /** The provider's own remaining requests/tokens (`x-ratelimit-remaining-*`). */
  upstreamRateLimits(spend: RequestSpend, route: Route, headers: Readonly<Record<string, string>>): void {
    const identity = spend.principal.kind === 'key' ? spend.principal.identity : undefined;
    const { config, apiBase } = route.deployment;
    this.metrics.observeUpstreamRateLimits(
      {
        deploymentId: config.info.id,
        litellmModel: config.params.model,
        modelGroup: route.group,
        provider: config.params.provider,
        apiBase,
        keyHash: identity?.hash ?? null,
        keyAlias: identity?.key.keyAlias ?? null,
      },
      headers,
    );
  }

  attempted(spend: RequestSpend, route: Route, latencyMs: number, error?: unknown): void {
    const identity = spend.principal.kind === 'key' ? spend.principal.identity : undefined;
    const { config, apiBase } = route.deployment;
    const attempt: DeploymentAttempt = {
      deploymentId: config.info.id,
      litellmModel: config.params.model,
      modelGroup: route.group,
      provider: config.params.provider,
      apiBase,
      success: error === undefined,
      status: error === undefined ? 200 : error instanceof GatewayError ? error.status : 500,
      exceptionClass: error === undefined ? null : (failureClassOf(error) ?? 'InternalServerError'),
      latencyMs,
      keyHash: identity?.hash ?? null,
      keyAlias: identity?.key.keyAlias ?? null,
      teamId: identity?.key.teamId ?? null,
      teamAlias: null,
    };
    this.metrics.observeAttempt(attempt);
    this.accessLog.attempt(spend.requestId, attempt);
  }
}
