import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthService, canSeeModel } from '@switchyard/auth';
import { GatewayError } from '@switchyard/kernel';
import { ModelRegistry } from '@switchyard/models';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { OPENAI_FORMATS } from './formats/openai-formats';
import { RESPONSES_FORMAT } from './formats/responses-format';
import { ProxyHandler } from './proxy.handler';
import { PATH_MODEL_SCHEMAS, REQUEST_SCHEMAS, RESPONSES_SCHEMA } from './request-schemas';

// LiteLLM's fixed `created` for every model (DEFAULT_MODEL_CREATED_AT_TIME).
const MODEL_CREATED_AT = 1677610602;

const CALL_PATHS: ReadonlyArray<[keyof typeof OPENAI_FORMATS, string]> = [
  ['chat', 'chat/completions'],
  ['completion', 'completions'],
  ['embedding', 'embeddings'],
  ['moderation', 'moderations'],
];

/**
 * Registers the OpenAI-compatible routes straight on Fastify (with and without `/v1`, plus
 * Azure's deployment paths): the hot path skips Nest's per-request pipeline.
 */
@Injectable()
export class OpenAiRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly models: ModelRegistry,
    private readonly handler: ProxyHandler,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const [callType, path] of CALL_PATHS) {
      const format = OPENAI_FORMATS[callType];
      const handle = (request: FastifyRequest, reply: FastifyReply) =>
        this.handler.handle(format, request, reply);
      const schema = { body: REQUEST_SCHEMAS[callType] };
      fastify.post(`/v1/${path}`, { schema }, handle);
      fastify.post(`/${path}`, { schema }, handle);
      if (callType !== 'moderation') {
        fastify.post<{ Params: { model: string } }>(
          `/openai/deployments/:model/${path}`,
          { schema: { body: PATH_MODEL_SCHEMAS[callType] } },
          (request, reply) => this.handler.handle(format, request, reply, request.params.model),
        );
      }
    }
    const responses = (request: FastifyRequest, reply: FastifyReply) =>
      this.handler.handle(RESPONSES_FORMAT, request, reply);
    fastify.post('/v1/responses', { schema: { body: RESPONSES_SCHEMA } }, responses);
    fastify.post('/responses', { schema: { body: RESPONSES_SCHEMA } }, responses);
    for (const prefix of ['/v1', '']) {
      fastify.get(`${prefix}/models`, (request) => this.listModels(request));
      fastify.get<{ Params: { '*': string } }>(`${prefix}/models/*`, (request) =>
        this.getModel(request, request.params['*']),
      );
    }
  }

  private async listModels(request: FastifyRequest) {
    const principal = await this.auth.authenticate(request.headers);
    const names = this.models.catalog.publicModelNames();
    const visible =
      principal.kind === 'key' ? names.filter((name) => canSeeModel(principal.identity, name)) : names;
    return { data: visible.map(modelObject), object: 'list' };
  }

  private async getModel(request: FastifyRequest, id: string) {
    const principal = await this.auth.authenticate(request.headers);
    if (
      !this.models.catalog.resolve(id) ||
      (principal.kind === 'key' && !canSeeModel(principal.identity, id))
    ) {
      throw GatewayError.notFound(`The model '${id}' does not exist`, 'model');
    }
    return modelObject(id);
  }
}

function modelObject(id: string) {
  return { id, object: 'model', created: MODEL_CREATED_AT, owned_by: 'openai' };
}
