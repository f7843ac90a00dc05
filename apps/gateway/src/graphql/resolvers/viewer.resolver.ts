import { UseFilters } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';

import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import { Viewer } from '../types/viewer.type';

@Resolver(() => Viewer)
@UseFilters(GraphqlErrorFilter)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'The caller: master key, virtual key or SSO session.' })
  async viewer(@Context() ctx: GraphqlContext): Promise<Viewer> {
    const principal = await ctx.principal();
    return {
      userId: principal.userId,
      role: principal.role,
      isMaster: principal.isMaster,
      adminOfTeams: [...principal.adminOfTeams],
      memberOfTeams: [...principal.memberOfTeams],
    };
  }
}
