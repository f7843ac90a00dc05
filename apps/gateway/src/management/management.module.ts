import { Module } from '@nestjs/common';
import { AuthModule } from '@switchyard/auth';
import { ModelsModule } from '@switchyard/models';
import { SpendLedgerModule } from '@switchyard/spend';

import { AuditController } from './audit.controller';
import { KeyController } from './key.controller';
import { ModelController } from './model.controller';
import { OrganizationController } from './organization.controller';
import { SpendController } from './spend.controller';
import { TeamController } from './team.controller';
import { UserController } from './user.controller';

/** LiteLLM's management REST API: keys, users, teams, organisations, models, audit log. */
@Module({
  imports: [AuthModule, ModelsModule, SpendLedgerModule],
  controllers: [
    AuditController,
    KeyController,
    ModelController,
    OrganizationController,
    SpendController,
    TeamController,
    UserController,
  ],
})
export class ManagementModule {}
