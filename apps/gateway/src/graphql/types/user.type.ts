import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

import { Connection, Order } from '../connection';
import { BudgetedEntity, BudgetedInput } from './entity.type';

export enum UserRoleName {
  PROXY_ADMIN = 'proxy_admin',
  PROXY_ADMIN_VIEWER = 'proxy_admin_viewer',
  INTERNAL_USER = 'internal_user',
  INTERNAL_USER_VIEWER = 'internal_user_viewer',
}
registerEnumType(UserRoleName, { name: 'UserRole' });

export enum UserSortField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  SPEND = 'spend',
}
registerEnumType(UserSortField, { name: 'UserSortField' });

@ObjectType('User')
export class UserNode extends BudgetedEntity {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  alias!: string | null;

  @Field(() => UserRoleName)
  role!: UserRoleName;

  @Field(() => [String])
  models!: string[];

  @Field(() => Int, { nullable: true })
  maxParallelRequests!: number | null;
}

@ObjectType()
export class UserConnection extends Connection(UserNode, 'User') {}

@InputType()
export class UserFilter {
  @Field(() => UserRoleName, { nullable: true })
  role?: UserRoleName;

  @Field({ nullable: true, description: 'Part of the e-mail, any case.' })
  emailContains?: string;

  @Field(() => ID, { nullable: true })
  teamId?: string;
}

@InputType()
export class UserOrder extends Order(UserSortField, UserSortField.CREATED_AT) {}

/** The settable fields of a user, as `/user/new` and `/user/update` take them. */
@InputType()
export class UserInput extends BudgetedInput {
  @Field(() => String, { nullable: true })
  userEmail?: string | null;

  @Field(() => String, { nullable: true })
  userAlias?: string | null;

  @Field(() => UserRoleName, { nullable: true })
  userRole?: UserRoleName;

  @Field(() => Int, { nullable: true })
  maxParallelRequests?: number | null;
}
