import { performance } from 'node:perf_hooks';

import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig, type RoutingPolicy } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';
import {
  mockAnswer,
  mockResponseError,
  type ClientDisconnect,
  type ProviderResult,
} from '@switchyard/providers';
import { Cooldowns, Router, type Route } from '@switchyard/routing';

import type { InboundFormat, UpstreamRequest } from '../formats/inbound-format';
import { openStream } from '../open-stream';
import type { StreamState } from '../stream-relay';
import { failureClassOf, policyClassOf, type FailureClass } from './error-class';
import { FailoverPlan } from './failover-plan';

/** One request's call, as the handler describes it to the failover loop. */
export interface AttemptRequest {
  readonly format: InboundFormat;
  readonly model: string;
  readonly requestedModel: string;
  readonly body: Record<string, unknown>;
  readonly stream: boolean;
  readonly signal: ClientDisconnect;
  /** Client headers a native pass-through forwards (see ProviderCall). */
  readonly passthroughHeaders?: Readonly<Record<string, string>>;
  /** Called once, with the first route chosen, before any upstream call (limits admission). */
  readonly admit: (route: Route) => Promise<void>;
  /** Called with every route tried, so a failure is recorded against the last one. */
  readonly tried: (route: Route) => void;
  /** Called after every call to a deployment, with its latency and, if it failed, the error. */
  readonly attemptDone: (route: Route, latencyMs: number, error?: unknown) => void;
  /** Sees the data of every stream event (to assemble a streamed answer for the cache). */
  readonly tap?: (data: string) => void;
  /** Called once at the end, success or failure, with the retries and fallbacks attempted. */
  readonly counted: (counts: { retries: number; fallbacks: number }) => void;
}

interface AttemptBase {
  readonly route: Route;
  readonly upstream: UpstreamRequest;
  readonly startedAt: number;
}

/** A successful attempt: a JSON answer, or a stream whose first frame has arrived. */
type AttemptOutcome =
  | (AttemptBase & { readonly kind: 'json'; readonly result: ProviderResult & { kind: 'json' } })
  | (AttemptBase & {
      readonly kind: 'stream';
      readonly rateLimitHeaders: ProviderResult['rateLimitHeaders'];
      readonly iterator: AsyncIterator<string>;
      readonly firstFrame: string | null;
      readonly state: StreamState;
    });

export type Attempted = AttemptOutcome & { readonly retries: number; readonly fallbacks: number };

/** Waits `ms`, or less if the client goes away. */
function pause(ms: number, signal: ClientDisconnect): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.off('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.once('abort', done);
  });
}

const CLIENT_FAILURES = new Set<FailureClass>([
  'BadRequestError',
  'ContextWindowExceededError',
  'ContentPolicyViolationError',
]);

function retryAfterOf(error: unknown): number | undefined {
  const value = error instanceof GatewayError ? error.headers?.['retry-after'] : undefined;
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * Calls the provider for one request, retrying and falling back as the routing policy says,
 * until an attempt answers (for streams: until its first chunk arrives, so a stream that fails
 * early is retried like any other call) or the plan gives up.
 */
@Injectable()
export class UpstreamAttempts {
  private readonly policy: RoutingPolicy;
  private readonly timeoutMs: number;
  private readonly streamTimeoutMs: number | undefined;
  private readonly dropParams: boolean;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly router: Router,
    private readonly cooldowns: Cooldowns,
  ) {
    const { routerSettings, litellmSettings } = config;
    this.policy = config.routing;
    this.dropParams = litellmSettings.dropParams;
    this.timeoutMs = (routerSettings.timeout ?? litellmSettings.requestTimeout) * 1000;
    this.streamTimeoutMs =
      routerSettings.streamTimeout === undefined ? undefined : routerSettings.streamTimeout * 1000;
  }

  /** @hotpath */
  async run(request: AttemptRequest, invalidModel: (model: string) => GatewayError): Promise<Attempted> {
    const { body } = request;
    const requestFallbacks = Array.isArray(body.fallbacks)
      ? body.fallbacks.filter((group): group is string => typeof group === 'string')
      : undefined;
    let plan: FailoverPlan | undefined;
    let group = request.model;
    let admitted = false;
    const exclude = new Set<string>();
    let promptTokens: (() => number) | undefined;
    if (this.policy.preCallChecks) {
      // The tokenizer takes about 0.4 s to load: on first use, not at start-up.
      const tokens = (await import('./prompt-tokens')).promptTokensOf(body);
      promptTokens = () => tokens;
    }
    const counts = () => ({ retries: plan?.retries ?? 0, fallbacks: plan?.fallbacks ?? 0 });
    for (;;) {
      let route: Route | undefined;
      // Routing and upstream failures go to the plan; invalid models and refused admissions do not.
      let recoverable = false;
      try {
        recoverable = true;
        route = this.router.route(group, { exclude, promptTokens });
        recoverable = false;
        if (!route) throw invalidModel(group);
        request.tried(route);
        if (!admitted) {
          await request.admit(route);
          admitted = true;
        }
        exclude.add(route.deployment.config.info.id);
        recoverable = true;
        const attempted = await this.attempt(request, route);
        request.counted(counts());
        return { ...attempted, ...counts() };
      } catch (error) {
        const failure = failureClassOf(error);
        if (!recoverable || request.signal.aborted || failure === undefined) {
          request.counted(counts());
          throw error;
        }
        // A bad request is the client's doing: it never cools a deployment down.
        if (route !== undefined && error instanceof GatewayError && !CLIENT_FAILURES.has(failure)) {
          void this.cooldowns.recordFailure(
            route.deployment.config.info.id,
            policyClassOf(failure),
            error.status,
            route.groupSize,
          );
        }
        plan ??= new FailoverPlan(
          this.policy,
          request.model,
          this.numRetries(body, route),
          requestFallbacks,
          (fallback) => this.router.knows(fallback),
        );
        const step = plan.next({
          failure,
          retryAfterSeconds: retryAfterOf(error),
          otherDeploymentLeft: route !== undefined && exclude.size < route.groupSize,
          // Routing itself failed (all cooling down, or none fits the prompt): retrying is pointless.
          groupUnavailable: route === undefined,
        });
        if (step.kind === 'fail' || (!admitted && step.kind === 'retry')) {
          request.counted(counts());
          throw error;
        }
        if (step.kind === 'fallback') {
          group = step.group;
          exclude.clear();
        } else if (step.delayMs > 0) {
          await pause(step.delayMs, request.signal);
          if (request.signal.aborted) throw error;
        }
      }
    }
  }

  private numRetries(body: Record<string, unknown>, route: Route | undefined): number {
    if (typeof body.num_retries === 'number') return body.num_retries;
    // The deployment's own: `num_retries`, or `max_retries` (its client's retries in LiteLLM).
    const params = route?.deployment.config.params;
    const own = params?.extra.num_retries ?? params?.maxRetries;
    return typeof own === 'number' ? own : this.policy.numRetries;
  }

  private async attempt(request: AttemptRequest, route: Route): Promise<AttemptOutcome> {
    const { format, body, stream, requestedModel, signal, passthroughHeaders } = request;
    const upstream = format.upstream(body, route, stream);
    const startedAt = performance.now();
    const id = route.deployment.config.info.id;
    this.router.stats.started(id);
    try {
      const result = await this.call(
        upstream,
        route,
        body,
        requestedModel,
        stream,
        signal,
        passthroughHeaders,
      );
      if (result.kind === 'json') {
        this.router.stats.measured(id, performance.now() - startedAt);
        request.attemptDone(route, performance.now() - startedAt);
        return { kind: 'json', route, upstream, startedAt, result };
      }
      const opened = await openStream(
        format,
        format.events(result.events, upstream.native, requestedModel),
        body,
        requestedModel,
        signal,
        request.tap,
      );
      this.router.stats.measured(id, performance.now() - startedAt);
      request.attemptDone(route, performance.now() - startedAt);
      return {
        kind: 'stream',
        route,
        upstream,
        startedAt,
        rateLimitHeaders: result.rateLimitHeaders,
        ...opened,
      };
    } catch (error) {
      this.router.stats.finished(id, 0);
      request.attemptDone(route, performance.now() - startedAt, error);
      throw error;
    }
  }

  private call(
    upstream: UpstreamRequest,
    route: Route,
    body: Record<string, unknown>,
    requestedModel: string,
    stream: boolean,
    signal: ClientDisconnect,
    passthroughHeaders?: Readonly<Record<string, string>>,
  ): Promise<ProviderResult> {
    const mock = body.mock_response;
    if (mock !== undefined) {
      if (typeof mock !== 'string')
        throw GatewayError.badRequest('mock_response must be a string', 'mock_response');
      const error = mockResponseError(mock);
      if (error) throw error;
      return Promise.resolve(mockAnswer(upstream.callType, requestedModel, upstream.body, mock, stream));
    }
    const { params } = route.deployment.config;
    const timeoutMs = secondsAsMs(body.timeout) ?? secondsAsMs(params.timeout) ?? this.timeoutMs;
    const streamTimeoutMs =
      secondsAsMs(body.stream_timeout) ??
      secondsAsMs(params.streamTimeout) ??
      this.streamTimeoutMs ??
      timeoutMs;
    return route.deployment.call({
      callType: upstream.callType,
      upstreamModel: route.upstreamModel,
      body: upstream.body,
      stream,
      signal,
      timeoutMs,
      streamTimeoutMs,
      dropParams: body.drop_params === true || params.extra.drop_params === true || this.dropParams,
      ...(passthroughHeaders ? { passthroughHeaders } : {}),
    });
  }
}

function secondsAsMs(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value * 1000 : undefined;
}
