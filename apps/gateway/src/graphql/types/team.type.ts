import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

import { Connection, Order } from '../connection';
import { BudgetedEntity, BudgetedInput } from './entity.type';

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
export class TeamNode extends BudgetedEntity {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  alias!: string | null;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => [String])
  models!: string[];

  @Field(() => Int, { nullable: true })
  maxParallelRequests!: number | null;

  @Field()
  blocked!: boolean;
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

@ObjectType()
export class MembershipConnection extends Connection(Membership, 'Membership') {}

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
export class TeamOrder extends Order(TeamSortField, TeamSortField.CREATED_AT) {}

/** The settable fields of a team, as `/team/new` and `/team/update` take them. */
@InputType()
export class TeamInput extends BudgetedInput {
  @Field(() => String, { nullable: true })
  teamAlias?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => Int, { nullable: true })
  maxParallelRequests?: number | null;

  @Field({ nullable: true })
  blocked?: boolean;
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
