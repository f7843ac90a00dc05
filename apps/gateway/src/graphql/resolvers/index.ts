import { AuditResolver } from './audit.resolver';
import { HealthResolver } from './health.resolver';
import { KeyResolver } from './key.resolver';
import { MembershipResolver } from './membership.resolver';
import { ModelResolver } from './model.resolver';
import { OrganizationResolver } from './organization.resolver';
import { SpendResolver } from './spend.resolver';
import { TeamResolver } from './team.resolver';
import { UserResolver } from './user.resolver';
import { ViewerResolver } from './viewer.resolver';

/** Every resolver of the admin schema (also what the SDL printer builds the schema from). */
export const RESOLVERS = [
  AuditResolver,
  HealthResolver,
  KeyResolver,
  MembershipResolver,
  ModelResolver,
  OrganizationResolver,
  SpendResolver,
  TeamResolver,
  UserResolver,
  ViewerResolver,
];
