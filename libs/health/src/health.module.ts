import { Module } from '@nestjs/common';
import { AuthModule } from '@switchyard/auth';
import { RoutingModule } from '@switchyard/routing';

import { BackgroundHealthChecks } from './background-health-checks';
import { HealthCheckService } from './health-check.service';
import { HealthController } from './health.controller';
import { RedisProbe } from './redis-probe';

@Module({
  imports: [AuthModule, RoutingModule],
  controllers: [HealthController],
  providers: [BackgroundHealthChecks, HealthCheckService, RedisProbe],
  exports: [HealthCheckService],
})
export class HealthModule {}
