import type { OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';

import { Inject, Injectable } from '@nestjs/common';
import { AuthService, authorizeModel } from '@switchyard/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { GatewayError, processLifecycle } from '@switchyard/kernel';
import {
  replayAsChunks,
  ResponseCache,
  StreamAssembly,
  type CachedAnswer,
  type CachePlan,
} from '@switchyard/cache';
import { ClientDisconnect } from '@switchyard/providers';
import { Router, type Route } from '@switchyard/routing';
import { LimitsService, SpendRecorder, usageOf, type Reservation, type Usage } from '@switchyard/spend';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { DeploymentPricing } from './deployment-pricing';
import { UpstreamAttempts, type Attempted } from './failover/upstream-attempts';
import type { InboundFormat } from './formats/inbound-format';
import { IdempotencyService, MAX_STORED_ANSWER_BYTES } from './idempotency/idempotency.service';
import type { IdempotencyClaim, StoredAnswer } from './idempotency/idempotency-store';
import { RequestObservers } from './request-observers';
import { requestSpend, spendEvent, type RequestSpend } from './request-spend';
import { timingHeaders } from './request-timing';
import { openStream } from './open-stream';
import { relayStream } from './stream-relay';

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

type Claimed = Extract<IdempotencyClaim, { kind: 'claimed' }>;

// The headers a replayed answer repeats.
const REPLAYED_HEADERS = [
  'content-type',
  'x-litellm-model-id',
  'x-litellm-model-group',
  'x-litellm-model-api-base',
  'x-litellm-response-cost',
];

function storedAnswer(reply: FastifyReply, body: string, extra: Record<string, string> = {}): StoredAnswer {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return { status: 200, headers: { ...headers, ...extra }, body };
}

const NO_USAGE: Usage = Object.freeze({ promptTokens: 0, completionTokens: 0, cachedTokens: 0 });

function invalidModel(format: InboundFormat, model: string): GatewayError {
  return GatewayError.badRequest(
    `${format.routeName}: Invalid model name passed in model=${model}. Call \`/v1/models\` to view available models for your key.`,
    'model',
  );
}

function routeHeaders(reply: FastifyReply, route: Route): void {
  reply.header('x-litellm-model-id', route.deployment.config.info.id);
  reply.header('x-litellm-model-group', route.group);
  reply.header('x-litellm-model-api-base', route.deployment.apiBase);
}

/**
 * The request path of every model call, whatever its wire format, top to bottom:
 * authenticate → pick a deployment → admit (limits) → call the provider, retrying and falling
 * back → return or stream back.
 */
@Injectable()
export class ProxyHandler {
  private readonly moderationModel: string | undefined;
  private readonly storePrompts: boolean;

  constructor(
    private readonly auth: AuthService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly limits: LimitsService,
    private readonly pricing: DeploymentPricing,
    private readonly recorder: SpendRecorder,
    private readonly router: Router,
    private readonly attempts: UpstreamAttempts,
    private readonly idempotency: IdempotencyService,
    private readonly observers: RequestObservers,
    private readonly cache: ResponseCache,
  ) {
    this.storePrompts = config.raw.generalSettings.store_prompts_in_spend_logs === true;
    const moderationModel = config.raw.generalSettings.moderation_model;
    this.moderationModel = typeof moderationModel === 'string' ? moderationModel : undefined;
  }

  /** @hotpath */
  async handle(
    format: InboundFormat,
    request: FastifyRequest,
    reply: FastifyReply,
    pathModel?: string,
  ): Promise<void> {
    // Counted so that shutdown hands over the spend of requests cut at the end of the grace period.
    processLifecycle.requestStarted();
    try {
      await this.handleCounted(format, request, reply, pathModel);
    } finally {
      processLifecycle.requestEnded();
    }
  }

  private async handleCounted(
    format: InboundFormat,
    request: FastifyRequest,
    reply: FastifyReply,
    pathModel?: string,
  ): Promise<void> {
    const { timing } = request;
    const principal = await this.auth.authenticate(request.headers).catch((error: unknown) => {
      this.observers.refused(request.id, format.callType, modelNamed(request.body, pathModel), timing, error);
      throw error;
    });
    timing.authDone = performance.now();

    const body = request.body as Record<string, unknown>;
    const idempotencyKey = request.headers['idempotency-key'];
    let claim: Claimed | undefined;
    if (typeof idempotencyKey === 'string') {
      const begun = await this.idempotency.begin(
        idempotencyKey,
        principal,
        request.url.split('?')[0] ?? '',
        body,
      );
      if (begun?.kind === 'replay') {
        const { status, headers, body: text } = begun.answer;
        void reply
          .code(status)
          .headers({ ...headers, 'x-litellm-idempotent-replay': 'true' })
          .send(text);
        return;
      }
      claim = begun;
    }
    const requestedModel = pathModel ?? (body.model as string | undefined) ?? this.defaultModel(format);
    let reservation: Reservation | undefined;
    let counts = { retries: 0, fallbacks: 0 };
    const stream = format.wantsStream(body);
    const spend = requestSpend(
      request.id,
      format.callType,
      principal,
      requestedModel,
      body,
      request.headers,
      this.storePrompts,
    );
    try {
      const model =
        principal.kind === 'key' ? authorizeModel(principal.identity, requestedModel) : requestedModel;
      const identity = principal.kind === 'key' ? principal.identity : undefined;
      const disconnect = new ClientDisconnect();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) disconnect.abort();
      });
      const cachePlan = this.cache.settings ? this.cachePlan(format, model, body, principal) : undefined;
      const cached = cachePlan
        ? await this.cache.lookup(cachePlan, {
            keyHash: identity?.hash ?? null,
            keyAlias: identity?.key.keyAlias ?? null,
            teamId: identity?.key.teamId ?? null,
            userId: identity?.key.userId ?? null,
          })
        : undefined;
      if (cachePlan && cached) {
        await this.fromCache(format, reply, cachePlan, cached, spend, timing, stream, disconnect, body);
        return;
      }
      const assembly =
        cachePlan && stream && cachePlan.callType !== 'embedding'
          ? new StreamAssembly(cachePlan.callType)
          : undefined;
      const attempted = await this.attempts.run(
        {
          format,
          model,
          requestedModel,
          body,
          stream,
          signal: disconnect,
          ...passthroughHeadersOf(format, request),
          ...(assembly ? { tap: (data: string) => assembly.add(data) } : {}),
          admit: async (route) => {
            timing.routed = performance.now();
            reservation = await this.limits.admit(
              identity,
              route.deployment.config,
              { modelGroup: route.group, endUser: spend.endUser },
              () => this.pricing.estimate(route, body),
            );
            reply.headers(reservation.headers);
            timing.upstreamStarted = performance.now();
          },
          tried: (route) => {
            spend.route = route;
            routeHeaders(reply, route);
          },
          attemptDone: (route, latencyMs, error) => this.observers.attempted(spend, route, latencyMs, error),
          counted: (attemptCounts) => {
            counts = attemptCounts;
            const { retries, fallbacks } = attemptCounts;
            reply.header('x-litellm-attempted-retries', String(retries));
            reply.header('x-litellm-attempted-fallbacks', String(fallbacks));
          },
        },
        (unknown) => invalidModel(format, unknown),
      );
      const admitted = reservation as unknown as Reservation;
      const rateLimitHeaders =
        attempted.kind === 'json' ? attempted.result.rateLimitHeaders : attempted.rateLimitHeaders;
      // The gateway's own limits describe the key; without any, the upstream's are passed on.
      if (rateLimitHeaders) {
        this.observers.upstreamRateLimits(spend, attempted.route, rateLimitHeaders);
        if (!('x-ratelimit-limit-requests' in admitted.headers)) reply.headers(rateLimitHeaders);
      }
      const { route } = attempted;
      if (attempted.kind === 'json') {
        timing.upstreamDone = performance.now();
        const answer = format.response(attempted.result.body, attempted.upstream.native, requestedModel);
        const usage = usageOf(answer.usage);
        const cost = this.pricing.cost(route, usage);
        const tokens = usage.promptTokens + usage.completionTokens;
        this.router.stats.finished(route.deployment.config.info.id, tokens);
        reply.header('x-litellm-response-cost', String(cost));
        reply.headers(timingHeaders(timing));
        if (claim) {
          const text = JSON.stringify(answer.body);
          reply.type('application/json; charset=utf-8').send(text);
          if (text.length <= MAX_STORED_ANSWER_BYTES) void claim.complete(storedAnswer(reply, text));
          else void claim.release();
        } else {
          reply.send(answer.body);
        }
        if (cachePlan) this.cache.keep(cachePlan, answer.body);
        const event = spendEvent(spend, 'success', usage, cost, { response: answer.body });
        this.recorder.record(event);
        this.observers.finished(spend, event, {
          status: 200,
          stream: false,
          latencyMs: performance.now() - timing.started,
          llmLatencyMs: timing.upstreamDone - timing.upstreamStarted,
          timeToFirstTokenMs: null,
          ...counts,
          spent: admitted.spent,
        });
        this.limits.settle(admitted, cost, tokens);
        return;
      }
      const streamed = await this.stream(
        format,
        reply,
        attempted,
        spend,
        timing,
        claim,
        counts,
        admitted.spent,
      );
      const assembled = streamed.completed ? assembly?.result() : undefined;
      if (cachePlan && assembled) this.cache.keep(cachePlan, assembled);
      this.router.stats.finished(route.deployment.config.info.id, streamed.tokens);
      this.limits.settle(admitted, streamed.cost, streamed.tokens);
    } catch (error) {
      void claim?.release();
      if (reservation) this.limits.settle(reservation, 0, 0);
      if (!reply.sent) reply.header('x-litellm-response-cost', '0');
      const event = spendEvent(spend, 'failure', NO_USAGE, 0, { error });
      this.recorder.record(event);
      this.observers.finished(spend, event, {
        status: error instanceof GatewayError ? error.status : 500,
        stream,
        latencyMs: performance.now() - timing.started,
        llmLatencyMs: null,
        timeToFirstTokenMs: null,
        ...counts,
        error,
        ...(reservation ? { spent: reservation.spent } : {}),
      });
      throw error;
    }
  }

  /** The first chunk has arrived (so a stream that failed early got a real HTTP error): relay the rest. */
  private async stream(
    format: InboundFormat,
    reply: FastifyReply,
    attempted: Attempted & { kind: 'stream' },
    spend: RequestSpend,
    timing: FastifyRequest['timing'],
    claim: Claimed | undefined,
    counts: { retries: number; fallbacks: number },
    spent: Reservation['spent'],
    cacheHit = false,
  ): Promise<{ cost: number; tokens: number; completed: boolean }> {
    const { route, state, iterator, firstFrame } = attempted;
    timing.upstreamDone = performance.now();
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...reply.getHeaders(),
      ...SSE_HEADERS,
      ...timingHeaders(timing),
      // The cost is known only once the stream's usage has arrived: it follows as a trailer.
      trailer: 'x-litellm-response-cost',
    } as OutgoingHttpHeaders);
    // Priced once, when the stream ends (the trailer) or fails: the unpriced metric counts it once.
    let cost: number | undefined;
    // With an Idempotency-Key, the frames are kept to replay the whole stream to a retry.
    const frames: string[] | undefined = claim && firstFrame !== null ? [firstFrame] : undefined;
    const codec = frames
      ? {
          ...format.codec,
          frame: (data: string, frameState: typeof state) => {
            const frame = format.codec.frame(data, frameState);
            if (typeof frame === 'string') frames.push(frame);
            return frame;
          },
        }
      : format.codec;
    const completed = await relayStream(raw, firstFrame, iterator, state, codec, () => {
      cost = cacheHit ? 0 : this.pricing.cost(route, usageOf(state.usage));
      return { 'x-litellm-response-cost': String(cost) };
    });
    const usage = usageOf(state.usage);
    cost ??= cacheHit ? 0 : this.pricing.cost(route, usage);
    const event = spendEvent(spend, completed ? 'success' : 'failure', usage, cost, { cacheHit });
    this.recorder.record(event);
    this.observers.finished(spend, event, {
      status: 200,
      stream: true,
      latencyMs: performance.now() - timing.started,
      llmLatencyMs: performance.now() - timing.upstreamStarted,
      timeToFirstTokenMs: timing.upstreamDone - timing.upstreamStarted,
      ...counts,
      spent,
      ...(completed
        ? {}
        : { error: new GatewayError('the stream ended early', { status: 502, type: 'api_error' }) }),
    });
    if (claim) {
      const text = frames ? frames.join('') + format.codec.doneFrame : '';
      if (completed && text.length <= MAX_STORED_ANSWER_BYTES) {
        void claim.complete(
          storedAnswer(reply, text, {
            'content-type': 'text/event-stream',
            'x-litellm-response-cost': String(cost),
          }),
        );
      } else void claim.release();
    }
    return { cost, tokens: usage.promptTokens + usage.completionTokens, completed };
  }

  /** @hotpath The request's response-cache plan (its model group and answer-changing fields). */
  private cachePlan(
    format: InboundFormat,
    model: string,
    body: Record<string, unknown>,
    principal: RequestSpend['principal'],
  ): CachePlan | undefined {
    const group = this.router.groupOf(model);
    return group === undefined ? undefined : this.cache.plan(format.callType, group, body, principal);
  }

  /**
   * A cache hit: the stored answer (as a stream when one was asked for), free of charge, under the
   * same limits; recorded in the ledger with cache_hit.
   */
  private async fromCache(
    format: InboundFormat,
    reply: FastifyReply,
    plan: CachePlan,
    cached: CachedAnswer,
    spend: RequestSpend,
    timing: FastifyRequest['timing'],
    stream: boolean,
    signal: ClientDisconnect,
    body: Record<string, unknown>,
  ): Promise<void> {
    const route = this.router.route(spend.model);
    if (!route) throw GatewayError.badRequest(`Invalid model name passed in model=${spend.model}`, 'model');
    spend.route = route;
    routeHeaders(reply, route);
    const identity = spend.principal.kind === 'key' ? spend.principal.identity : undefined;
    const reservation = await this.limits.admit(
      identity,
      route.deployment.config,
      { modelGroup: route.group, endUser: spend.endUser },
      () => 0,
    );
    this.limits.settle(reservation, 0, 0);
    reply.headers(reservation.headers);
    reply.header('x-litellm-cache-key', plan.key);
    reply.header('x-litellm-attempted-retries', '0');
    reply.header('x-litellm-attempted-fallbacks', '0');
    const answer: Record<string, unknown> = { ...cached.body, model: spend.model };
    const noAttempts = { retries: 0, fallbacks: 0 };
    timing.upstreamStarted = timing.upstreamDone = performance.now();
    if (stream && plan.callType !== 'embedding') {
      const opened = await openStream(
        format,
        replayAsChunks(answer, plan.callType),
        body,
        spend.model,
        signal,
      );
      const upstream = { callType: plan.callType, body: {}, native: true } as const;
      const startedAt = timing.upstreamStarted;
      await this.stream(
        format,
        reply,
        { kind: 'stream', route, upstream, startedAt, rateLimitHeaders: undefined, ...opened, ...noAttempts },
        spend,
        timing,
        undefined,
        noAttempts,
        reservation.spent,
        true,
      );
      return;
    }
    reply.header('x-litellm-response-cost', '0');
    reply.headers(timingHeaders(timing)).send(answer);
    const event = spendEvent(spend, 'success', usageOf(answer.usage as Record<string, unknown>), 0, {
      response: answer,
      cacheHit: true,
    });
    this.recorder.record(event);
    this.observers.finished(spend, event, {
      status: 200,
      stream: false,
      latencyMs: performance.now() - timing.started,
      llmLatencyMs: null,
      timeToFirstTokenMs: null,
      ...noAttempts,
      spent: reservation.spent,
    });
  }

  private defaultModel(format: InboundFormat): string {
    if (format.callType === 'moderation' && this.moderationModel) return this.moderationModel;
    throw GatewayError.badRequest("Missing required parameter: 'model'.", 'model');
  }
}

/** `anthropic-beta` on `/v1/messages`: forwarded when the request passes straight through to Anthropic. */
function passthroughHeadersOf(
  format: InboundFormat,
  request: FastifyRequest,
): { passthroughHeaders?: Record<string, string> } {
  if (format.callType !== 'messages') return {};
  const beta = request.headers['anthropic-beta'];
  const value = Array.isArray(beta) ? beta.join(',') : beta;
  return value ? { passthroughHeaders: { 'anthropic-beta': value } } : {};
}

/** The model a refused request named, for its access-log line (`unknown` when it named none). */
function modelNamed(body: unknown, pathModel: string | undefined): string {
  const model = (body as { model?: unknown } | null)?.model;
  return pathModel ?? (typeof model === 'string' ? model : 'unknown');
}
