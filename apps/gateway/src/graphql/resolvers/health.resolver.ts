import { UseFilters } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import { DeploymentStates } from '@switchyard/health';
import { AccessPolicy } from '@switchyard/identity';

import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import { DeploymentHealth, DeploymentStatus } from '../types/health.type';

@Resolver(() => DeploymentHealth)
@UseFilters(GraphqlErrorFilter)
export class HealthResolver {
  constructor(private readonly states: DeploymentStates) {}

  @Query(() => [DeploymentHealth], {
    description:
      'Each deployment\u2019s state per the router\u2019s cooldowns and the background health checks (admins only).',
  })
  async deploymentHealth(@Context() ctx: GraphqlContext): Promise<DeploymentHealth[]> {
    AccessPolicy.requireAdmin(await ctx.principal(), 'read deployment health');
    return this.states.list().map((state) => ({
      id: state.id,
      modelName: state.modelName,
      litellmModel: state.model,
      status: state.status as DeploymentStatus,
      coolingDownUntil: state.coolingDownUntil,
      lastCheckHealthy: state.lastCheckHealthy,
      lastCheckedAt: state.lastCheckedAt,
      lastErrorClass: state.lastErrorClass,
    }));
  }
}
