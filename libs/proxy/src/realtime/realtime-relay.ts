import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthService, authorizeModel, type RequestPrincipal } from '@switchyard/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';
import { Router, type Route } from '@switchyard/routing';
import { LimitsService, SpendRecorder, usageOf, type Reservation } from '@switchyard/spend';
import type { FastifyInstance } from 'fastify';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

import { DeploymentPricing } from '../deployment-pricing';
import { requestSpend, spendEvent } from '../request-spend';
import { connectUpstream } from './realtime-upstream';
import { realtimeResponseUsage } from './realtime-usage';
import { refuseUpgrade } from './upgrade-response';

const REALTIME_PATHS = new Set(['/v1/realtime', '/realtime']);
// Browsers cannot set headers on a WebSocket: OpenAI's clients send the key as a subprotocol.
const KEY_PROTOCOL = 'openai-insecure-api-key.';

interface Session {
  readonly client: WebSocket;
  readonly upstream: WebSocket;
}

function protocolsOf(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  return header ? header.split(',').map((protocol) => protocol.trim()) : [];
}

/** Close codes that may not be sent on the wire (1005, 1006, 1015) become a normal or error close. */
function sendableCode(code: number): number {
  if (code === 1005) return 1000;
  return code === 1006 || code === 1015 ? 1011 : code;
}

/**
 * `GET /v1/realtime?model=<group>`: OpenAI's Realtime WebSocket relayed to an OpenAI or Azure
 * deployment, under the same policy as HTTP: key, model access, limits, and spend for every
 * `response.done`.
 */
@Injectable()
export class RealtimeRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Realtime');
  private readonly server = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has('realtime') ? 'realtime' : false),
  });
  private readonly sessions = new Set<Session>();
  private readonly storePrompts: boolean;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly limits: LimitsService,
    private readonly pricing: DeploymentPricing,
    private readonly recorder: SpendRecorder,
    private readonly router: Router,
  ) {
    this.storePrompts = config.raw.generalSettings.store_prompts_in_spend_logs === true;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
      if (!REALTIME_PATHS.has(path)) {
        refuseUpgrade(socket, GatewayError.notFound(`Route not found: GET ${path}`));
        return;
      }
      this.open(request, socket, head).catch((error: unknown) => {
        refuseUpgrade(
          socket,
          error instanceof GatewayError
            ? error
            : new GatewayError('Internal server error', { status: 500, type: 'internal_server_error' }),
        );
      });
    });
  }

  onApplicationShutdown(): void {
    for (const { client, upstream } of this.sessions) {
      client.close(1001, 'server shutting down');
      upstream.close(1001);
    }
  }

  private async open(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const protocols = protocolsOf(request);
    const keyProtocol = protocols.find((protocol) => protocol.startsWith(KEY_PROTOCOL));
    const headers = keyProtocol
      ? { ...request.headers, authorization: `Bearer ${keyProtocol.slice(KEY_PROTOCOL.length)}` }
      : request.headers;
    const principal = await this.auth.authenticate(headers);
    const requested = new URL(request.url ?? '/', 'http://gateway').searchParams.get('model');
    if (!requested) throw GatewayError.badRequest("Missing required parameter: 'model'.", 'model');
    const model = principal.kind === 'key' ? authorizeModel(principal.identity, requested) : requested;
    const route = this.router.route(model);
    const target = route?.deployment.realtime?.(route.upstreamModel);
    if (!route || !target) {
      throw GatewayError.badRequest(
        `/realtime: Invalid model name passed in model=${model}. Realtime sessions need an openai/ or azure/ deployment.`,
        'model',
      );
    }
    const identity = principal.kind === 'key' ? principal.identity : undefined;
    const reservation = await this.limits.admit(
      identity,
      route.deployment.config,
      { modelGroup: route.group, endUser: null },
      () => this.pricing.estimate(route, {}),
    );
    let upstream: WebSocket;
    try {
      upstream = await connectUpstream(target, request.headers['openai-beta']);
    } catch (error) {
      this.limits.settle(reservation, 0, 0);
      throw error;
    }
    if (socket.destroyed) {
      upstream.close(1000);
      this.limits.settle(reservation, 0, 0);
      return;
    }
    this.server.handleUpgrade(request, socket, head, (client) =>
      this.relay({ client, upstream }, principal, requested, route, reservation),
    );
  }

  private relay(
    session: Session,
    principal: RequestPrincipal,
    requestedModel: string,
    route: Route,
    reservation: Reservation,
  ): void {
    const { client, upstream } = session;
    this.sessions.add(session);
    const sessionId = randomUUID();
    let responses = 0;
    let cost = 0;
    let tokens = 0;
    client.on('message', (data: RawData, isBinary) => upstream.send(data, { binary: isBinary }));
    upstream.on('message', (data: RawData, isBinary) => {
      client.send(data, { binary: isBinary });
      if (isBinary) return;
      const done = realtimeResponseUsage(data.toString());
      if (!done) return;
      const usage = usageOf(done.usage);
      const responseCost = this.pricing.cost(route, usage);
      cost += responseCost;
      tokens += usage.promptTokens + usage.completionTokens;
      responses += 1;
      const spend = requestSpend(
        done.id ?? `${sessionId}-${responses}`,
        'realtime',
        principal,
        requestedModel,
        {},
        {},
        this.storePrompts,
      );
      spend.route = route;
      this.recorder.record(spendEvent(spend, 'success', usage, responseCost));
    });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.sessions.delete(session);
      this.limits.settle(reservation, cost, tokens);
    };
    client.on('close', (code, reason) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.close(sendableCode(code), reason);
      finish();
    });
    upstream.on('close', (code, reason) => {
      if (client.readyState === WebSocket.OPEN) client.close(sendableCode(code), reason);
      finish();
    });
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      socket.on('error', (error) => {
        this.logger.warn(`realtime session ${sessionId}: ${error.message}`);
        other.terminate();
        socket.terminate();
      });
    }
    upstream.resume();
  }
}
