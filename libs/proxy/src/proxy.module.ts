import { Module } from '@nestjs/common';
import { AuthModule } from '@switchyard/auth';
import { RoutingModule } from '@switchyard/routing';

import { OpenAiRoutes } from './openai-routes';
import { ProxyHandler } from './proxy.handler';

@Module({
  imports: [AuthModule, RoutingModule],
  providers: [OpenAiRoutes, ProxyHandler],
})
export class ProxyModule {}
