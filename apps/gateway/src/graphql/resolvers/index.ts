import { KeyResolver } from './key.resolver';
import { MembershipResolver } from './membership.resolver';
import { OrganizationResolver } from './organization.resolver';
import { TeamResolver } from './team.resolver';
import { UserResolver } from './user.resolver';

/** Every resolver of the admin schema (also what the SDL printer builds the schema from). */
export const RESOLVERS = [KeyResolver, MembershipResolver, OrganizationResolver, TeamResolver, UserResolver];
