export { QUEUE_NAMES } from './queue-names';
export type { QueueName } from './queue-names';
/** Redis connections for BullMQ queues and workers. */
export { connectRedis, createFailFastRedis, createRedisConnection } from './redis-connection';
