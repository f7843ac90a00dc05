import { Module } from '@nestjs/common';
import { AuthModule } from '@switchyard/auth';
import { CacheModule } from '@switchyard/cache';
import { RoutingModule } from '@switchyard/routing';
import { SpendModule } from '@switchyard/spend';

import { DeploymentPricing } from './deployment-pricing';
import { OpenAiRoutes } from './openai-routes';
import { MessagesRoutes } from './messages-routes';
import { UpstreamAttempts } from './failover/upstream-attempts';
import { IdempotencyService } from './idempotency/idempotency.service';
import { ProxyHandler } from './proxy.handler';
import { RequestObservers } from './request-observers';
import { RealtimeRelay } from './realtime/realtime-relay';

@Module({
  imports: [AuthModule, CacheModule, RoutingModule, SpendModule],
  providers: [
    DeploymentPricing,
    MessagesRoutes,
    OpenAiRoutes,
    ProxyHandler,
    RealtimeRelay,
    UpstreamAttempts,
    IdempotencyService,
    RequestObservers,
  ],
})
export class ProxyModule {}
