import { Field, Float, ObjectType } from '@nestjs/graphql';

/** The budget of a key, user, team or organisation. */
@ObjectType()
export class Budget {
  @Field(() => Float, { nullable: true, description: 'USD; null: no budget.' })
  maxBudget!: number | null;

  @Field(() => Float, { nullable: true, description: 'USD; crossing it sends an alert, nothing is refused.' })
  softBudget!: number | null;

  @Field(() => String, { nullable: true, description: 'Reset period such as 30d; null: never reset.' })
  budgetDuration!: string | null;

  @Field(() => Date, { nullable: true })
  budgetResetAt!: Date | null;

  @Field(() => Float, { description: 'USD spent in the current period (as of the last spend aggregation).' })
  spend!: number;

  @Field(() => Float, { nullable: true, description: 'maxBudget - spend, when there is a budget.' })
  remaining!: number | null;
}

export function budgetOf(record: {
  maxBudget: number | null;
  softBudget?: number | null;
  budgetDuration: string | null;
  budgetResetAt?: Date | null;
  spend: number;
}): Budget {
  return {
    maxBudget: record.maxBudget,
    softBudget: record.softBudget ?? null,
    budgetDuration: record.budgetDuration,
    budgetResetAt: record.budgetResetAt ?? null,
    spend: record.spend,
    remaining: record.maxBudget === null ? null : record.maxBudget - record.spend,
  };
}
