import { UseFilters } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganizationService, type OrganizationRecord } from '@switchyard/identity';
import { z } from 'zod';

import { newOrg, orgMember, organizationFieldsOf, updateOrg } from '../../management/organization.requests';
import { parseRequest } from '../../management/parse-request';
import { id } from '../../management/request-fields';
import { connectionComplexity, connectionOf, PageArgs, SortDirection } from '../connection';
import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import { restBody } from '../rest-body';
import { Budget, budgetOf } from '../types/budget.type';
import {
  OrganizationConnection,
  OrganizationInput,
  OrganizationMember,
  OrganizationMemberInput,
  OrganizationNode,
  OrganizationOrder,
  OrganizationSortField,
} from '../types/organization.type';
import { TeamNode } from '../types/team.type';

@Resolver(() => OrganizationNode)
@UseFilters(GraphqlErrorFilter)
export class OrganizationResolver {
  constructor(private readonly organizationService: OrganizationService) {}

  @Query(() => OrganizationConnection, { complexity: connectionComplexity })
  async organizations(
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
    @Args('orderBy', { type: () => OrganizationOrder, nullable: true }) orderBy?: OrganizationOrder,
  ) {
    const result = await this.organizationService.page(await ctx.principal(), {
      first: page.first,
      after: page.after,
      sort: orderBy?.field ?? OrganizationSortField.CREATED_AT,
      direction: orderBy?.direction ?? SortDirection.DESC,
    });
    return connectionOf(result, page.after);
  }

  @Query(() => OrganizationNode)
  async organization(@Context() ctx: GraphqlContext, @Args('id', { type: () => ID }) organizationId: string) {
    return this.organizationService.info(await ctx.principal(), organizationId);
  }

  @Mutation(() => OrganizationNode)
  async createOrganization(
    @Context() ctx: GraphqlContext,
    @Args('input', { type: () => OrganizationInput }) input: OrganizationInput,
    @Args('id', { type: () => ID, nullable: true }) organizationId?: string,
  ) {
    const request = parseRequest(newOrg, {
      ...restBody(input),
      ...(organizationId ? { organization_id: organizationId } : {}),
    });
    return this.organizationService.create(await ctx.principal(), request.organization_id, {
      ...organizationFieldsOf(request),
      alias: request.organization_alias,
    });
  }

  @Mutation(() => OrganizationNode)
  async updateOrganization(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) organizationId: string,
    @Args('input', { type: () => OrganizationInput }) input: OrganizationInput,
  ) {
    const request = parseRequest(updateOrg, { ...restBody(input), organization_id: organizationId });
    return this.organizationService.update(
      await ctx.principal(),
      request.organization_id,
      organizationFieldsOf(request),
    );
  }

  @Mutation(() => [ID])
  async deleteOrganizations(
    @Context() ctx: GraphqlContext,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ) {
    const { organization_ids } = parseRequest(z.object({ organization_ids: z.array(id).min(1) }), {
      organization_ids: ids,
    });
    await this.organizationService.delete(await ctx.principal(), organization_ids);
    return organization_ids;
  }

  @Mutation(() => OrganizationNode)
  async addOrganizationMembers(
    @Context() ctx: GraphqlContext,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('members', { type: () => [OrganizationMemberInput] }) members: OrganizationMemberInput[],
  ) {
    const parsed = parseRequest(
      z.array(orgMember).min(1),
      members.map((member) => restBody(member)),
    );
    const refs = parsed.map((m) => ({
      role: m.role,
      ...(m.user_id ? { userId: m.user_id } : {}),
      ...(m.user_email ? { email: m.user_email } : {}),
    }));
    return this.organizationService.addMembers(await ctx.principal(), organizationId, refs);
  }

  @ResolveField(() => [OrganizationMember])
  members(@Parent() organization: OrganizationRecord) {
    return organization.members;
  }

  @ResolveField(() => [TeamNode])
  async teams(@Parent() organization: OrganizationRecord, @Context() ctx: GraphqlContext) {
    const teams = await ctx.loaders.team.loadMany(organization.teams);
    return teams.filter((team) => team !== null && !(team instanceof Error));
  }

  @ResolveField(() => Budget)
  budget(@Parent() organization: OrganizationRecord): Budget {
    return budgetOf({ ...organization, softBudget: null, budgetResetAt: null });
  }
}
