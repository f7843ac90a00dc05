import { Global, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { AuthModule } from '@switchyard/auth';
import { RoutingModule } from '@switchyard/routing';

import { DeploymentWatcher } from './deployment-watcher';
import { GatewayMetrics } from './gateway-metrics';
import { MetricsAccess } from './metrics-access';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  imports: [
    // Declares the route and its controller. The instruments live in GatewayMetrics' own
    // registry, so the module's default metrics (prom-client's global registry) stay off.
    PrometheusModule.register({
      controller: MetricsController,
      path: '/metrics',
      defaultMetrics: { enabled: false },
    }),
    AuthModule,
    RoutingModule,
  ],
  providers: [GatewayMetrics, MetricsAccess, DeploymentWatcher],
  exports: [GatewayMetrics, MetricsAccess],
})
export class MetricsModule {}
