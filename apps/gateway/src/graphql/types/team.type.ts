import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

import { Connection, SortDirection } from '../connection';
import { JsonObject } from '../json.scalar';

export enum TeamRoleName {
  ADMIN = 'admin',
  USER = 'user',
}
registerEnumType(TeamRoleName, { name: 'TeamRole' });

export enum TeamSortField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  SPEND = 'spend',
}
registerEnumType(TeamSortField, { name: 'TeamSortField' });

@ObjectType('Team')
export class TeamNode {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  alias!: string | null;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => [String])
  models!: string[];

  @Field(() => Float)
  spend!: number;

  @Field(() => Int, { nullable: true })
  rpmLimit!: number | null;

  @Field(() => Int, { nullable: true })
  tpmLimit!: number | null;

  @Field(() => Int, { nullable: true })
  maxParallelRequests!: number | null;

  @Field()
  blocked!: boolean;

  @Field(() => JsonObject)
  metadata!: Record<string, unknown>;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

/** A user's place in a team. */
@ObjectType()
export class Membership {
  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => TeamRoleName)
  role!: TeamRoleName;
}

@ObjectType()
export class TeamConnection extends Connection(TeamNode, 'Team') {}

@InputType()
export class TeamFilter {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field({ nullable: true, description: 'Part of the alias, any case.' })
  aliasContains?: string;

  @Field({ nullable: true })
  blocked?: boolean;
}

@InputType()
export class TeamOrder {
  @Field(() => TeamSortField, { defaultValue: TeamSortField.CREATED_AT })
  field!: TeamSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction!: SortDirection;
}

/** The settable fields of a team, as `/team/new` and `/team/update` take them. */
@InputType()
export class TeamInput {
  @Field(() => String, { nullable: true })
  teamAlias?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => [String], { nullable: true })
  models?: string[];

  @Field(() => Float, { nullable: true })
  maxBudget?: number | null;

  @Field(() => String, { nullable: true })
  budgetDuration?: string | null;

  @Field(() => Int, { nullable: true })
  rpmLimit?: number | null;

  @Field(() => Int, { nullable: true })
  tpmLimit?: number | null;

  @Field(() => Int, { nullable: true })
  maxParallelRequests?: number | null;

  @Field({ nullable: true })
  blocked?: boolean;

  @Field(() => JsonObject, { nullable: true })
  metadata?: Record<string, unknown>;
}

@InputType()
export class MemberInput {
  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field({ nullable: true })
  userEmail?: string;

  @Field(() => TeamRoleName, { defaultValue: TeamRoleName.USER })
  role!: TeamRoleName;
}
