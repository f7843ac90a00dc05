import { Module } from '@nestjs/common';
import { ModelsModule } from '@switchyard/models';
import { ProvidersModule } from '@switchyard/providers';

import { Cooldowns } from './cooldowns';
import { DeploymentHealth } from './deployment-health';
import { DeploymentStats } from './deployment-stats';
import { Router } from './router';
import { SharedUsage } from './shared-usage';

@Module({
  imports: [ModelsModule, ProvidersModule],
  providers: [Cooldowns, DeploymentHealth, DeploymentStats, Router, SharedUsage],
  exports: [Cooldowns, DeploymentHealth, DeploymentStats, Router, ModelsModule],
})
export class RoutingModule {}
