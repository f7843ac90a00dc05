import { UseFilters } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { KeyService, type VirtualKey } from '@switchyard/identity';

import { generateKeyRequest, keyFieldsOf, updateKeyRequest } from '../../management/key.requests';
import { parseRequest } from '../../management/parse-request';
import { connectionComplexity, connectionOf, PageArgs, SortDirection } from '../connection';
import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import { restBody } from '../rest-body';
import { Budget, budgetOf } from '../types/budget.type';
import {
  GeneratedKey,
  KeyConnection,
  KeyFilter,
  KeyInput,
  KeyNode,
  KeyOrder,
  KeySortField,
  KeyStatus,
} from '../types/key.type';
import { OrganizationNode } from '../types/organization.type';
import { TeamNode } from '../types/team.type';
import { UserNode } from '../types/user.type';

@Resolver(() => KeyNode)
@UseFilters(GraphqlErrorFilter)
export class KeyResolver {
  constructor(private readonly keyService: KeyService) {}

  @Query(() => KeyConnection, {
    description:
      'The keys the caller may read: all for admins and viewers, their teams\u2019 for team admins, their own otherwise.',
    complexity: connectionComplexity,
  })
  async keys(
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => KeyFilter, nullable: true }) filter?: KeyFilter,
    @Args('orderBy', { type: () => KeyOrder, nullable: true }) orderBy?: KeyOrder,
  ) {
    const principal = await ctx.principal();
    const result = await this.keyService.page(
      principal,
      { ...filter },
      {
        first: page.first,
        after: page.after,
        sort: orderBy?.field ?? KeySortField.CREATED_AT,
        direction: orderBy?.direction ?? SortDirection.DESC,
      },
    );
    return connectionOf(result, page.after);
  }

  @Query(() => KeyNode)
  async key(@Context() ctx: GraphqlContext, @Args('id', { type: () => ID }) id: string) {
    return this.keyService.info(await ctx.principal(), { id });
  }

  @Mutation(() => GeneratedKey, { description: 'A new key; the key itself is in the answer only.' })
  async generateKey(
    @Context() ctx: GraphqlContext,
    @Args('input', { type: () => KeyInput }) input: KeyInput,
  ): Promise<GeneratedKey> {
    const fields = keyFieldsOf(parseRequest(generateKeyRequest, restBody(input)));
    const { key, record } = await this.keyService.generate(await ctx.principal(), fields);
    return { key, record };
  }

  @Mutation(() => KeyNode)
  async updateKey(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => KeyInput }) input: KeyInput,
  ) {
    const fields = keyFieldsOf(parseRequest(updateKeyRequest, restBody(input)));
    return this.keyService.update(await ctx.principal(), { id }, fields);
  }

  @Mutation(() => [ID], { description: 'Deletes keys by id; the answer lists those deleted.' })
  async deleteKeys(@Context() ctx: GraphqlContext, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.keyService.delete(
      await ctx.principal(),
      ids.map((id) => ({ id })),
    );
  }

  @Mutation(() => GeneratedKey, {
    description: 'A new secret for the key; the old one stops working at once.',
  })
  async regenerateKey(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => KeyInput, nullable: true }) input?: KeyInput,
  ): Promise<GeneratedKey> {
    const fields = keyFieldsOf(parseRequest(updateKeyRequest, restBody(input)));
    const { key, record } = await this.keyService.regenerate(await ctx.principal(), { id }, fields);
    return { key, record };
  }

  @Mutation(() => KeyNode)
  async blockKey(@Context() ctx: GraphqlContext, @Args('id', { type: () => ID }) id: string) {
    return this.keyService.block(await ctx.principal(), { id });
  }

  @Mutation(() => KeyNode)
  async unblockKey(@Context() ctx: GraphqlContext, @Args('id', { type: () => ID }) id: string) {
    return this.keyService.unblock(await ctx.principal(), { id });
  }

  @ResolveField(() => KeyStatus)
  status(@Parent() key: VirtualKey): KeyStatus {
    if (key.blocked) return KeyStatus.BLOCKED;
    return key.expiresAt && key.expiresAt.getTime() <= Date.now() ? KeyStatus.EXPIRED : KeyStatus.ACTIVE;
  }

  @ResolveField(() => Budget)
  budget(@Parent() key: VirtualKey): Budget {
    return budgetOf(key);
  }

  @ResolveField(() => TeamNode, { nullable: true })
  team(@Parent() key: VirtualKey, @Context() ctx: GraphqlContext) {
    return key.teamId ? ctx.loaders.team.load(key.teamId) : null;
  }

  @ResolveField(() => UserNode, { nullable: true })
  user(@Parent() key: VirtualKey, @Context() ctx: GraphqlContext) {
    return key.userId ? ctx.loaders.user.load(key.userId) : null;
  }

  @ResolveField(() => OrganizationNode, { nullable: true })
  organization(@Parent() key: VirtualKey, @Context() ctx: GraphqlContext) {
    return key.organizationId ? ctx.loaders.organization.load(key.organizationId) : null;
  }
}
