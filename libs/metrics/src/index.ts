export { MetricsModule } from './metrics.module';
/** The Prometheus registry and the gateway's instruments. */
export { GatewayMetrics } from './gateway-metrics';
