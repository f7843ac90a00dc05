export { MetricsModule } from './metrics.module';
/** The Prometheus registry and the gateway's instruments. */
export { GatewayMetrics } from './gateway-metrics';
/** For the primary of `--num_workers N`: `/metrics` on any worker reports every worker. */
export { serveClusterMetrics } from './cluster-metrics';
export type { CacheRequester } from './cache-instruments';
export type {
  DeploymentSource,
  DeploymentView,
  UpstreamHeaders,
  UpstreamTarget,
} from './deployment-instruments';
