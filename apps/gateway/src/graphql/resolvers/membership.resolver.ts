import { UseFilters } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';

import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import type { Membership as MembershipRecord } from '../loaders';
import { Membership, TeamNode } from '../types/team.type';
import { UserNode } from '../types/user.type';

/** A membership's user and team, batched. */
@Resolver(() => Membership)
@UseFilters(GraphqlErrorFilter)
export class MembershipResolver {
  @ResolveField(() => UserNode, { nullable: true })
  user(@Parent() membership: MembershipRecord, @Context() ctx: GraphqlContext) {
    return ctx.loaders.user.load(membership.userId);
  }

  @ResolveField(() => TeamNode, { nullable: true })
  team(@Parent() membership: MembershipRecord, @Context() ctx: GraphqlContext) {
    return ctx.loaders.team.load(membership.teamId);
  }
}
