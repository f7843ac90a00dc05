import { UseFilters } from '@nestjs/common';
import {
  Args,
  Context,
  Field,
  ID,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { UserService, type UserRecord, type VirtualKey } from '@switchyard/identity';
import { z } from 'zod';

import { parseRequest } from '../../management/parse-request';
import { id } from '../../management/request-fields';
import { newUser, updateUser, userFieldsOf } from '../../management/user.requests';
import { connectionComplexity, connectionOf, PageArgs, SortDirection } from '../connection';
import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import { restBody } from '../rest-body';
import { Budget, budgetOf } from '../types/budget.type';
import { KeyNode } from '../types/key.type';
import { Membership } from '../types/team.type';
import {
  UserConnection,
  UserFilter,
  UserInput,
  UserNode,
  UserOrder,
  UserSortField,
} from '../types/user.type';

/** A new user, with the key made for it when asked (shown this once). */
@ObjectType()
export class CreatedUser {
  @Field(() => UserNode)
  user!: UserRecord;

  @Field(() => String, { nullable: true, description: 'The new key itself: shown once.' })
  key!: string | null;

  @Field(() => KeyNode, { nullable: true })
  keyRecord!: VirtualKey | null;
}

@Resolver(() => UserNode)
@UseFilters(GraphqlErrorFilter)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => UserConnection, {
    description: 'Users: all for admins and viewers, the caller alone otherwise.',
    complexity: connectionComplexity,
  })
  async users(
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter,
    @Args('orderBy', { type: () => UserOrder, nullable: true }) orderBy?: UserOrder,
  ) {
    const result = await this.userService.page(
      await ctx.principal(),
      { ...filter },
      {
        first: page.first,
        after: page.after,
        sort: orderBy?.field ?? UserSortField.CREATED_AT,
        direction: orderBy?.direction ?? SortDirection.DESC,
      },
    );
    return connectionOf(result, page.after);
  }

  @Query(() => UserNode, { description: 'A user by id; without an id, the caller.' })
  async user(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID, nullable: true }) userId?: string,
  ) {
    const principal = await ctx.principal();
    return (await this.userService.info(principal, userId ?? principal.userId)).user;
  }

  @Mutation(() => CreatedUser)
  async createUser(
    @Context() ctx: GraphqlContext,
    @Args('input', { type: () => UserInput }) input: UserInput,
    @Args('id', { type: () => ID, nullable: true }) userId?: string,
    @Args('autoCreateKey', { defaultValue: false }) autoCreateKey?: boolean,
  ): Promise<CreatedUser> {
    const request = parseRequest(newUser, {
      ...restBody(input),
      ...(userId ? { user_id: userId } : {}),
      auto_create_key: autoCreateKey,
    });
    const { user, key, keyRecord } = await this.userService.create(
      await ctx.principal(),
      request.user_id,
      userFieldsOf(request),
      request.auto_create_key,
    );
    return { user, key, keyRecord };
  }

  @Mutation(() => UserNode)
  async updateUser(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) userId: string,
    @Args('input', { type: () => UserInput }) input: UserInput,
  ) {
    const request = parseRequest(updateUser, { ...restBody(input), user_id: userId });
    return this.userService.update(await ctx.principal(), request.user_id, userFieldsOf(request));
  }

  @Mutation(() => [ID])
  async deleteUsers(@Context() ctx: GraphqlContext, @Args('ids', { type: () => [ID] }) ids: string[]) {
    const { user_ids } = parseRequest(z.object({ user_ids: z.array(id).min(1) }), { user_ids: ids });
    await this.userService.delete(await ctx.principal(), user_ids);
    return user_ids;
  }

  @ResolveField(() => [Membership], { description: 'The teams the user belongs to, with the role in each.' })
  memberships(@Parent() user: UserRecord, @Context() ctx: GraphqlContext) {
    return ctx.loaders.membershipsOfUser.load(user.id);
  }

  @ResolveField(() => Budget)
  budget(@Parent() user: UserRecord): Budget {
    return budgetOf(user);
  }
}
