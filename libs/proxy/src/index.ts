export { ProxyModule } from './proxy.module';
/** Fastify options and hooks the gateway's HTTP server needs. */
export { gatewayFastifyOptions, installRequestHooks } from './fastify-setup';
/** Renders every error in OpenAI's error shape. */
export { OpenAiErrorFilter } from './openai-error.filter';
