import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

import { Connection, Order } from '../connection';
import { BudgetedEntity, BudgetedInput } from './entity.type';

export enum OrganizationSortField {
  CREATED_AT = 'createdAt',
  SPEND = 'spend',
}
registerEnumType(OrganizationSortField, { name: 'OrganizationSortField' });

@ObjectType('Organization')
export class OrganizationNode extends BudgetedEntity {
  @Field(() => ID)
  id!: string;

  @Field()
  alias!: string;

  @Field(() => [String])
  models!: string[];
}

@ObjectType()
export class OrganizationMember {
  @Field(() => ID)
  userId!: string;

  @Field()
  role!: string;
}

@ObjectType()
export class OrganizationConnection extends Connection(OrganizationNode, 'Organization') {}

@InputType()
export class OrganizationOrder extends Order(OrganizationSortField, OrganizationSortField.CREATED_AT) {}

/** The settable fields of an organisation, as `/organization/new` and `/organization/update` take them. */
@InputType()
export class OrganizationInput extends BudgetedInput {
  @Field(() => String, { nullable: true })
  organizationAlias?: string;
}

@InputType()
export class OrganizationMemberInput {
  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field({ nullable: true })
  userEmail?: string;

  @Field({ defaultValue: 'internal_user' })
  role!: string;
}
