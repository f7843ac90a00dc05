import type { OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';

import { Inject, Injectable } from '@nestjs/common';
import { AuthService, authorizeModel } from '@switchyard/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';
import { ClientDisconnect, mockAnswer, mockResponseError, type ProviderResult } from '@switchyard/providers';
import { Router, type Route } from '@switchyard/routing';
import { LimitsService, SpendRecorder, usageOf, type Reservation, type Usage } from '@switchyard/spend';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { DeploymentPricing } from './deployment-pricing';
import type { InboundFormat, UpstreamRequest } from './formats/inbound-format';
import { requestSpend, spendEvent, type RequestSpend } from './request-spend';
import { timingHeaders, type RequestTiming } from './request-timing';
import { relayStream, type StreamState } from './stream-relay';

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

const NO_USAGE: Usage = Object.freeze({ promptTokens: 0, completionTokens: 0, cachedTokens: 0 });

function invalidModel(format: InboundFormat, model: string): GatewayError {
  return GatewayError.badRequest(
    `${format.routeName}: Invalid model name passed in model=${model}. Call \`/v1/models\` to view available models for your key.`,
    'model',
  );
}

/**
 * The request path of every model call, whatever its wire format, top to bottom:
 * authenticate → pick a deployment → admit (limits) → call the provider → return or stream back.
 */
@Injectable()
export class ProxyHandler {
  private readonly timeoutMs: number;
  private readonly streamTimeoutMs: number | undefined;
  private readonly moderationModel: string | undefined;

  private readonly storePrompts: boolean;
  private readonly dropParams: boolean;

  constructor(
    private readonly auth: AuthService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly limits: LimitsService,
    private readonly pricing: DeploymentPricing,
    private readonly recorder: SpendRecorder,
    private readonly router: Router,
  ) {
    const { routerSettings, litellmSettings } = config;
    this.storePrompts = config.raw.generalSettings.store_prompts_in_spend_logs === true;
    this.dropParams = config.litellmSettings.dropParams;
    this.timeoutMs = (routerSettings.timeout ?? litellmSettings.requestTimeout) * 1000;
    this.streamTimeoutMs =
      routerSettings.streamTimeout === undefined ? undefined : routerSettings.streamTimeout * 1000;
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
    const { timing } = request;
    const principal = await this.auth.authenticate(request.headers);
    timing.authDone = performance.now();

    const body = request.body as Record<string, unknown>;
    const requestedModel = pathModel ?? (body.model as string | undefined) ?? this.defaultModel(format);
    let reservation: Reservation | undefined;
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
      const route = this.router.route(model);
      if (!route) throw invalidModel(format, model);
      spend.route = route;
      timing.routed = performance.now();
      reply.header('x-litellm-model-id', route.deployment.config.info.id);
      reply.header('x-litellm-model-group', route.group);
      reply.header('x-litellm-model-api-base', route.deployment.apiBase);
      const identity = principal.kind === 'key' ? principal.identity : undefined;
      reservation = await this.limits.admit(
        identity,
        route.deployment.config,
        { modelGroup: route.group, endUser: spend.endUser },
        () => this.pricing.estimate(route, body),
      );
      reply.headers(reservation.headers);

      const stream = format.wantsStream(body);
      const upstream = format.upstream(body, route, stream);
      const disconnect = new ClientDisconnect();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) disconnect.abort();
      });

      timing.upstreamStarted = performance.now();
      const result = await this.callUpstream(upstream, route, body, requestedModel, stream, disconnect);
      // The gateway's own limits describe the key; without any, the upstream's are passed on.
      if (result.rateLimitHeaders && !('x-ratelimit-limit-requests' in reservation.headers)) {
        reply.headers(result.rateLimitHeaders);
      }
      if (result.kind === 'json') {
        timing.upstreamDone = performance.now();
        const answer = format.response(result.body, upstream.native, requestedModel);
        const usage = usageOf(answer.usage);
        const cost = this.pricing.cost(route, usage);
        reply.header('x-litellm-response-cost', String(cost));
        reply.headers(timingHeaders(timing)).send(answer.body);
        this.recorder.record(spendEvent(spend, 'success', usage, cost, { response: answer.body }));
        this.limits.settle(reservation, cost, usage.promptTokens + usage.completionTokens);
        return;
      }
      const events = format.events(result.events, upstream.native, requestedModel);
      const streamed = await this.stream(format, reply, events, spend, route, body, disconnect, timing);
      this.limits.settle(reservation, streamed.cost, streamed.tokens);
    } catch (error) {
      if (reservation) this.limits.settle(reservation, 0, 0);
      if (!reply.sent) reply.header('x-litellm-response-cost', '0');
      this.recorder.record(spendEvent(spend, 'failure', NO_USAGE, 0, { error }));
      throw error;
    }
  }

  private callUpstream(
    upstream: UpstreamRequest,
    route: Route,
    body: Record<string, unknown>,
    requestedModel: string,
    stream: boolean,
    signal: ClientDisconnect,
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
    const timeoutMs = params.timeout === undefined ? this.timeoutMs : params.timeout * 1000;
    return route.deployment.call({
      callType: upstream.callType,
      upstreamModel: route.upstreamModel,
      body: upstream.body,
      stream,
      signal,
      timeoutMs,
      streamTimeoutMs:
        params.streamTimeout === undefined
          ? (this.streamTimeoutMs ?? timeoutMs)
          : params.streamTimeout * 1000,
      dropParams: body.drop_params === true || params.extra.drop_params === true || this.dropParams,
    });
  }

  /** Waits for the first chunk before answering, so a stream that fails early gets a real HTTP error. */
  private async stream(
    format: InboundFormat,
    reply: FastifyReply,
    events: AsyncIterable<string>,
    spend: RequestSpend,
    route: Route,
    body: Record<string, unknown>,
    signal: ClientDisconnect,
    timing: RequestTiming,
  ): Promise<{ cost: number; tokens: number }> {
    const state: StreamState = {
      requestedModel: spend.model,
      clientWantsUsage:
        (body.stream_options as { include_usage?: unknown } | null | undefined)?.include_usage === true,
      signal,
      usage: undefined,
    };
    const iterator = events[Symbol.asyncIterator]();
    let firstFrame: string | undefined | null;
    do {
      const first = await iterator.next();
      firstFrame = first.done ? null : format.codec.frame(first.value, state);
    } while (firstFrame === undefined);
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
    const completed = await relayStream(raw, firstFrame, iterator, state, format.codec, () => {
      cost = this.pricing.cost(route, usageOf(state.usage));
      return { 'x-litellm-response-cost': String(cost) };
    });
    const usage = usageOf(state.usage);
    cost ??= this.pricing.cost(route, usage);
    this.recorder.record(spendEvent(spend, completed ? 'success' : 'failure', usage, cost));
    return { cost, tokens: usage.promptTokens + usage.completionTokens };
  }

  private defaultModel(format: InboundFormat): string {
    if (format.callType === 'moderation' && this.moderationModel) return this.moderationModel;
    throw GatewayError.badRequest("Missing required parameter: 'model'.", 'model');
  }
}
