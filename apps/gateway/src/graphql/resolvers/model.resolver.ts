import { UseFilters } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ModelAdminService } from '@switchyard/models';

import { deleteModel, newModel, updateModel } from '../../management/model.requests';
import { parseRequest } from '../../management/parse-request';
import { connectionComplexity, connectionOf, PageArgs } from '../connection';
import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import { restBody } from '../rest-body';
import {
  ModelDeployment,
  ModelDeploymentConnection,
  ModelDeploymentFilter,
  ModelInput,
  modelDeploymentOf,
} from '../types/model.type';
import { modelPage } from './model-page';

@Resolver(() => ModelDeployment)
@UseFilters(GraphqlErrorFilter)
export class ModelResolver {
  constructor(private readonly models: ModelAdminService) {}

  @Query(() => ModelDeploymentConnection, {
    description:
      'The deployments in force (config and database), ordered by model name, credentials removed.',
    complexity: connectionComplexity,
  })
  async modelDeployments(
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => ModelDeploymentFilter, nullable: true }) filter?: ModelDeploymentFilter,
  ) {
    const all = this.models.info(await ctx.principal()).map(modelDeploymentOf);
    const matching = all.filter(
      (d) =>
        (!filter?.modelName || d.modelName === filter.modelName) &&
        (!filter?.provider || d.provider === filter.provider) &&
        (!filter?.source || d.source === filter.source),
    );
    return connectionOf(modelPage(matching, page), page.after);
  }

  @Query(() => ModelDeployment)
  async modelDeployment(@Context() ctx: GraphqlContext, @Args('id', { type: () => ID }) id: string) {
    const [entry] = this.models.info(await ctx.principal(), id);
    return modelDeploymentOf(entry!);
  }

  @Mutation(() => ModelDeployment, {
    description: 'Stores a deployment in the database (STORE_MODEL_IN_DB).',
  })
  async createModel(
    @Context() ctx: GraphqlContext,
    @Args('input', { type: () => ModelInput }) input: ModelInput,
  ) {
    const request = parseRequest(newModel, restBody(input));
    return modelDeploymentOf(await this.models.create(await ctx.principal(), request));
  }

  @Mutation(() => ModelDeployment, {
    description: 'Changes a stored deployment; litellmParams and modelInfo are merged into the stored ones.',
  })
  async updateModel(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => ModelInput }) input: ModelInput,
  ) {
    const request = parseRequest(updateModel, { ...restBody(input), id });
    return modelDeploymentOf(await this.models.update(await ctx.principal(), id, request));
  }

  @Mutation(() => ID, { description: 'Deletes a stored deployment; the answer is its id.' })
  async deleteModel(@Context() ctx: GraphqlContext, @Args('id', { type: () => ID }) id: string) {
    const request = parseRequest(deleteModel, { id });
    await this.models.delete(await ctx.principal(), request.id);
    return request.id;
  }

  @ResolveField(() => [String], {
    description:
      'The credential fields this deployment has set (api_key, aws_secret_access_key...): names only.',
  })
  credentialFields(@Parent() deployment: ModelDeployment): string[] {
    return this.models.credentialFields(deployment.id);
  }
}
