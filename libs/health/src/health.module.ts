import { Module } from '@nestjs/common';
import { AuthModule } from '@switchyard/auth';
import { RoutingModule } from '@switchyard/routing';

import { BackgroundHealthChecks } from './background-health-checks';
import { DeploymentStates } from './deployment-states';
import { HealthCheckService } from './health-check.service';
import { HealthController } from './health.controller';
import { RedisProbe } from './redis-probe';

@Module({
  imports: [AuthModule, RoutingModule],
  controllers: [HealthController],
  providers: [BackgroundHealthChecks, DeploymentStates, HealthCheckService, RedisProbe],
  exports: [DeploymentStates, HealthCheckService],
})
export class HealthModule {}
