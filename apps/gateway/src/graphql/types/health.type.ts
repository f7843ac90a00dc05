import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum DeploymentStatus {
  HEALTHY = 'healthy',
  COOLING_DOWN = 'cooling_down',
  UNHEALTHY = 'unhealthy',
}
registerEnumType(DeploymentStatus, {
  name: 'DeploymentStatus',
  description: 'COOLING_DOWN: skipped after failures; UNHEALTHY: failing its background health check.',
});

/** A deployment's routing state: no credentials and no provider error text, only its class. */
@ObjectType()
export class DeploymentHealth {
  @Field(() => ID)
  id!: string;

  @Field()
  modelName!: string;

  @Field({ description: 'litellm_params.model.' })
  litellmModel!: string;

  @Field(() => DeploymentStatus)
  status!: DeploymentStatus;

  @Field(() => Date, { nullable: true })
  coolingDownUntil!: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Null until a background health check ran.' })
  lastCheckHealthy!: boolean | null;

  @Field(() => Date, { nullable: true })
  lastCheckedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'e.g. AuthenticationError, TimeoutError.' })
  lastErrorClass!: string | null;
}
