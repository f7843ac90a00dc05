import 'fastify';

import type { RequestTiming } from './request-timing';

declare module 'fastify' {
  interface FastifyRequest {
    /** Stage times of the request, from its arrival; set by the onRequest hook. */
    timing: RequestTiming;
  }
}
