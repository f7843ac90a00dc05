import type { Principal } from '@switchyard/identity';
import type { FastifyRequest } from 'fastify';

import type { Loaders } from './loaders';

/** What every resolver gets: the caller (resolved once, on first use) and the request's loaders. */
export interface GraphqlContext {
  readonly req: FastifyRequest;
  principal(): Promise<Principal>;
  readonly loaders: Loaders;
}
