import { Module } from '@nestjs/common';
import { AuthModule } from '@switchyard/auth';

import { AuditController } from './audit.controller';
import { KeyController } from './key.controller';
import { OrganizationController } from './organization.controller';
import { TeamController } from './team.controller';
import { UserController } from './user.controller';

/** LiteLLM's management REST API: keys, users, teams, organisations, audit log. */
@Module({
  imports: [AuthModule],
  controllers: [AuditController, KeyController, OrganizationController, TeamController, UserController],
})
export class ManagementModule {}
