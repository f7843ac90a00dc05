import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

import { Connection } from '../connection';

export enum SpendStatus {
  SUCCESS = 'success',
  FAILURE = 'failure',
}
registerEnumType(SpendStatus, { name: 'SpendStatus' });

export enum SpendGroupBy {
  KEY = 'key',
  USER = 'user',
  TEAM = 'team',
  MODEL = 'model',
  TAG = 'tag',
}
registerEnumType(SpendGroupBy, { name: 'SpendGroupBy' });

/** One proxied request of the ledger: the key by id and alias, never the key or its hash. */
@ObjectType()
export class SpendLog {
  @Field(() => ID)
  requestId!: string;

  @Field()
  callType!: string;

  @Field(() => ID, { nullable: true, description: 'Null for the master key or a key since deleted.' })
  keyId!: string | null;

  @Field(() => String, { nullable: true })
  keyAlias!: string | null;

  @Field(() => ID, { nullable: true })
  userId!: string | null;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => String, { nullable: true, description: 'The request\u2019s `user` field (end user).' })
  endUser!: string | null;

  @Field()
  model!: string;

  @Field(() => String, { nullable: true })
  modelGroup!: string | null;

  @Field(() => ID, { nullable: true })
  deploymentId!: string | null;

  @Field(() => String, { nullable: true })
  provider!: string | null;

  @Field(() => Int)
  promptTokens!: number;

  @Field(() => Int)
  completionTokens!: number;

  @Field(() => Int)
  cachedTokens!: number;

  @Field(() => Int)
  totalTokens!: number;

  @Field(() => Float)
  spend!: number;

  @Field()
  cacheHit!: boolean;

  @Field()
  status!: string;

  @Field(() => [String])
  tags!: string[];

  @Field()
  startTime!: Date;

  @Field()
  endTime!: Date;
}

@ObjectType()
export class SpendLogConnection extends Connection(SpendLog, 'SpendLog') {}

/** Dates are days (2026-11-25, `to` inclusive) or moments (2026-11-25T10:00:00Z), as in `/spend/logs`. */
@InputType()
export class SpendLogFilter {
  @Field({ nullable: true })
  from?: string;

  @Field({ nullable: true })
  to?: string;

  @Field(() => ID, { nullable: true })
  teamId?: string;

  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field(() => ID, { nullable: true })
  keyId?: string;

  @Field({ nullable: true, description: 'A model group or upstream model.' })
  model?: string;

  @Field(() => SpendStatus, { nullable: true })
  status?: SpendStatus;
}

/** What a spend summary narrows to, besides its date range. */
@InputType()
export class SpendSummaryFilter {
  @Field(() => ID, { nullable: true })
  teamId?: string;

  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field(() => ID, { nullable: true })
  keyId?: string;

  @Field({ nullable: true })
  model?: string;

  @Field(() => SpendStatus, { nullable: true })
  status?: SpendStatus;
}

/** A key, user, team, model group or tag of a summary row. */
@ObjectType()
export class SpendGroup {
  @Field(() => ID, { nullable: true, description: 'Null for requests without one (e.g. the master key).' })
  id!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key or team alias where there is one, else the id.',
  })
  name!: string | null;
}

/** What one key, user, team, model or tag spent over a range. */
@ObjectType()
export class SpendTotal {
  @Field(() => SpendGroup)
  group!: SpendGroup;

  @Field(() => Float)
  spend!: number;

  @Field(() => Int)
  requests!: number;

  @Field(() => Float, { description: 'Float: a sum over many requests can pass 2^31.' })
  promptTokens!: number;

  @Field(() => Float)
  completionTokens!: number;
}

/** What one key, user, team, model or tag (or everyone, without groupBy) spent on one UTC day. */
@ObjectType()
export class SpendSummaryRow extends SpendTotal {
  @Field({ description: 'The UTC day, YYYY-MM-DD.' })
  day!: string;
}
