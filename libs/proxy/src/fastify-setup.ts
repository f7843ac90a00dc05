import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { GatewayConfig } from '@switchyard/config';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

import { startTiming, type RequestTiming } from './request-timing';

/** Fastify options of the gateway: body limit from config, no type coercion of request bodies. */
export function gatewayFastifyOptions(config: GatewayConfig): FastifyServerOptions {
  return {
    bodyLimit: config.server.bodyLimitBytes,
    logger: false,
    genReqId: () => randomUUID(),
    // Validation must reject `"stream": "yes"`, not coerce it; the body passes upstream as sent.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false } },
    forceCloseConnections: 'idle',
  };
}

/**
 * Every response carries `x-litellm-call-id` (the id spend logs use) and `x-request-id` (the
 * client's, if it sent one); the arrival time feeds the overhead headers.
 */
export function installRequestHooks(fastify: FastifyInstance): void {
  // LiteLLM reads every body as JSON whatever its content-type (curl -d sends a form type).
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', { parseAs: 'string' }, json);
  fastify.decorateRequest('timing', null as unknown as RequestTiming);
  fastify.addHook('onRequest', (request, reply, done) => {
    request.timing = startTiming(performance.now());
    const clientRequestId = request.headers['x-request-id'];
    reply.header('x-litellm-call-id', request.id);
    reply.header(
      'x-request-id',
      typeof clientRequestId === 'string' && clientRequestId ? clientRequestId : request.id,
    );
    done();
  });
}
