import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

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

/** The settable budget and limit fields every budgeted entity takes. */
@InputType({ isAbstract: true })
export abstract class BudgetedInput {
  @Field(() => [String], { nullable: true })
  models?: string[];

  @Field(() => Float, { nullable: true })
  maxBudget?: number | null;

  @Field(() => String, { nullable: true, description: 'Budget reset period: 30s, 10m, 1h, 30d, 2w, 1mo.' })
  budgetDuration?: string | null;

  @Field(() => Int, { nullable: true })
  rpmLimit?: number | null;

  @Field(() => Int, { nullable: true })
  tpmLimit?: number | null;

  @Field(() => JsonObject, { nullable: true })
  metadata?: Record<string, unknown>;
}
