import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

import { JsonObject } from '../json.scalar';

/** The fields every budgeted entity (key, user, team, organisation) has. */
@ObjectType({ isAbstract: true })
export abstract class BudgetedEntity {
  @Field(() => Float, { description: 'USD spent in the current budget period.' })
  spend!: number;

  @Field(() => Int, { nullable: true })
  rpmLimit!: number | null;

  @Field(() => Int, { nullable: true })
  tpmLimit!: number | null;

  @Field(() => JsonObject)
  metadata!: Record<string, unknown>;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
