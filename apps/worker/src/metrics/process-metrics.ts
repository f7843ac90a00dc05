import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * prom-client's gauges that end in `_total`, which `promtool check metrics` rejects (only counters
 * may): each is the sum of the per-type gauge of the same name without `_total`.
 */
const NON_COUNTER_TOTALS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * Node's process metrics (CPU, memory, event loop lag, GC, handles) on `registry`; the same as
 * libs/metrics does, without loading the gateway's modules into the worker.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of NON_COUNTER_TOTALS) registry.removeSingleMetric(name);
}
