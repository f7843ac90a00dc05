/** Queues the gateway produces to and the worker consumes. */
export const QUEUE_NAMES = ['spend-events'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
