export { CacheModule } from './cache.module';
/** The response cache: plans, lookups and stores answers by model group and request fields. */
export { ResponseCache } from './response-cache.service';
export type { CachePlan } from './response-cache.service';
export type { CachedAnswer } from './cache-store';
/** Cached answers replayed as streams, and streamed answers assembled for the cache. */
export { replayAsChunks } from './stream-replay';
export { StreamAssembly } from './stream-assembly';
export { responseCacheKey } from './cache-key';
