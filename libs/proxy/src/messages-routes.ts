import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthService, authorizeModel } from '@switchyard/auth';
import { GatewayError } from '@switchyard/kernel';
import { ModelRegistry } from '@switchyard/models';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { MESSAGES_FORMAT } from './formats/messages-format';
import { ProxyHandler } from './proxy.handler';
import { COUNT_TOKENS_SCHEMA, MESSAGES_SCHEMA } from './request-schemas';

/** Anthropic's Messages API for every configured model: `/v1/messages` and its token counter. */
@Injectable()
export class MessagesRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly models: ModelRegistry,
    private readonly handler: ProxyHandler,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post('/v1/messages', { schema: { body: MESSAGES_SCHEMA } }, (request, reply) =>
      this.handler.handle(MESSAGES_FORMAT, request, reply),
    );
    fastify.post('/v1/messages/count_tokens', { schema: { body: COUNT_TOKENS_SCHEMA } }, (request, reply) =>
      this.countTokens(request, reply),
    );
  }

  private async countTokens(request: FastifyRequest, reply: FastifyReply) {
    const principal = await this.auth.authenticate(request.headers);
    const body = request.body as Record<string, unknown>;
    const requested = String(body.model);
    const model = principal.kind === 'key' ? authorizeModel(principal.identity, requested) : requested;
    if (!this.models.catalog.resolve(model)) {
      throw GatewayError.badRequest(
        `/v1/messages/count_tokens: Invalid model name passed in model=${model}. Call \`/v1/models\` to view available models for your key.`,
        'model',
      );
    }
    // The tokenizer takes about 0.4 s to load: on first use, not at start-up.
    const { countMessageTokens } = await import('./messages/count-tokens');
    return reply.send({ input_tokens: countMessageTokens(body) });
  }
}
