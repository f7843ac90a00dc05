import { Module } from '@nestjs/common';

import { AuditRepository } from './audit/audit.repository';
import { IdentityTransaction } from './identity-transaction';
import { KeyRepository } from './keys/key.repository';
import { KeyService } from './keys/key.service';
import { OrganizationService } from './organizations/organization.service';
import { IdentityCache } from './runtime/identity-cache';
import { IdentityEvents } from './runtime/identity-events';
import { IdentityLoader } from './runtime/identity-loader';
import { TeamRepository } from './teams/team.repository';
import { TeamService } from './teams/team.service';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

@Module({
  providers: [
    AuditRepository,
    IdentityCache,
    IdentityEvents,
    IdentityLoader,
    IdentityTransaction,
    KeyRepository,
    KeyService,
    OrganizationService,
    TeamRepository,
    TeamService,
    UserRepository,
    UserService,
  ],
  exports: [
    AuditRepository,
    IdentityCache,
    IdentityEvents,
    IdentityTransaction,
    KeyRepository,
    KeyService,
    OrganizationService,
    TeamRepository,
    TeamService,
    UserRepository,
    UserService,
  ],
})
export class IdentityModule {}
