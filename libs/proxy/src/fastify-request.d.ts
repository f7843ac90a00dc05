import 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** `performance.now()` when the request arrived; set by the onRequest hook. */
    startedAt: number;
  }
}
