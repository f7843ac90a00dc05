import { UseFilters } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TeamService, type TeamRecord } from '@switchyard/identity';
import { z } from 'zod';

import { parseRequest } from '../../management/parse-request';
import { id } from '../../management/request-fields';
import {
  memberAdd,
  memberDelete,
  memberOf,
  newTeam,
  teamFieldsOf,
  updateTeam,
} from '../../management/team.requests';
import { connectionComplexity, connectionOf, PageArgs, SortDirection } from '../connection';
import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import { restBody } from '../rest-body';
import { Budget, budgetOf } from '../types/budget.type';
import { OrganizationNode } from '../types/organization.type';
import {
  MemberInput,
  Membership,
  MembershipConnection,
  TeamConnection,
  TeamFilter,
  TeamInput,
  TeamNode,
  TeamOrder,
  TeamSortField,
} from '../types/team.type';

function membersOf(members: readonly MemberInput[] | undefined) {
  return (members ?? []).map((member) => restBody(member));
}

@Resolver(() => TeamNode)
@UseFilters(GraphqlErrorFilter)
export class TeamResolver {
  constructor(private readonly teamService: TeamService) {}

  @Query(() => TeamConnection, {
    description: 'The teams the caller may read: all for admins and viewers, their own otherwise.',
    complexity: connectionComplexity,
  })
  async teams(
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => TeamFilter, nullable: true }) filter?: TeamFilter,
    @Args('orderBy', { type: () => TeamOrder, nullable: true }) orderBy?: TeamOrder,
  ) {
    const result = await this.teamService.page(
      await ctx.principal(),
      { ...filter },
      {
        first: page.first,
        after: page.after,
        sort: orderBy?.field ?? TeamSortField.CREATED_AT,
        direction: orderBy?.direction ?? SortDirection.DESC,
      },
    );
    return connectionOf(result, page.after);
  }

  @Query(() => TeamNode)
  async team(@Context() ctx: GraphqlContext, @Args('id', { type: () => ID }) teamId: string) {
    return this.teamService.read(await ctx.principal(), teamId);
  }

  @Query(() => MembershipConnection, {
    description: "A team's members, oldest first, for whoever may read the team.",
    complexity: connectionComplexity,
  })
  async teamMembers(
    @Context() ctx: GraphqlContext,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args() page: PageArgs,
  ) {
    const result = await this.teamService.memberPage(await ctx.principal(), teamId, page);
    const memberships = {
      ...result,
      items: result.items.map((m) => ({ userId: m.userId, teamId, role: m.role })),
    };
    return connectionOf(memberships, page.after);
  }

  @Mutation(() => TeamNode)
  async createTeam(
    @Context() ctx: GraphqlContext,
    @Args('input', { type: () => TeamInput }) input: TeamInput,
    @Args('id', { type: () => ID, nullable: true }) teamId?: string,
    @Args('members', { type: () => [MemberInput], nullable: true }) members?: MemberInput[],
  ) {
    const request = parseRequest(newTeam, {
      ...restBody(input),
      ...(teamId ? { team_id: teamId } : {}),
      members_with_roles: membersOf(members),
    });
    return this.teamService.create(
      await ctx.principal(),
      request.team_id,
      teamFieldsOf(request),
      request.members_with_roles.map(memberOf),
    );
  }

  @Mutation(() => TeamNode)
  async updateTeam(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) teamId: string,
    @Args('input', { type: () => TeamInput }) input: TeamInput,
  ) {
    const request = parseRequest(updateTeam, { ...restBody(input), team_id: teamId });
    return this.teamService.update(await ctx.principal(), request.team_id, teamFieldsOf(request));
  }

  @Mutation(() => [ID])
  async deleteTeams(@Context() ctx: GraphqlContext, @Args('ids', { type: () => [ID] }) ids: string[]) {
    const { team_ids } = parseRequest(z.object({ team_ids: z.array(id).min(1) }), { team_ids: ids });
    await this.teamService.delete(await ctx.principal(), team_ids);
    return team_ids;
  }

  @Mutation(() => TeamNode, {
    description: 'Adds users (by id or e-mail; unknown ones are created) to a team.',
  })
  async addTeamMembers(
    @Context() ctx: GraphqlContext,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('members', { type: () => [MemberInput] }) members: MemberInput[],
  ) {
    const request = parseRequest(memberAdd, { team_id: teamId, member: membersOf(members) });
    const refs = (Array.isArray(request.member) ? request.member : [request.member]).map(memberOf);
    return this.teamService.addMembers(await ctx.principal(), request.team_id, refs);
  }

  @Mutation(() => TeamNode)
  async removeTeamMember(
    @Context() ctx: GraphqlContext,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('userId', { type: () => ID, nullable: true }) userId?: string,
    @Args('userEmail', { type: () => String, nullable: true }) userEmail?: string,
  ) {
    const request = parseRequest(memberDelete, restBody({ teamId, userId, userEmail }));
    const member = {
      ...(request.user_id ? { userId: request.user_id } : {}),
      ...(request.user_email ? { email: request.user_email } : {}),
    };
    return this.teamService.deleteMember(await ctx.principal(), request.team_id, member);
  }

  @ResolveField(() => [Membership])
  members(@Parent() team: TeamRecord): Membership[] {
    return team.members.map((member) => ({
      userId: member.userId,
      teamId: team.id,
      role: member.role as never,
    }));
  }

  @ResolveField(() => Budget)
  budget(@Parent() team: TeamRecord): Budget {
    return budgetOf(team);
  }

  @ResolveField(() => OrganizationNode, { nullable: true })
  organization(@Parent() team: TeamRecord, @Context() ctx: GraphqlContext) {
    return team.organizationId ? ctx.loaders.organization.load(team.organizationId) : null;
  }
}
