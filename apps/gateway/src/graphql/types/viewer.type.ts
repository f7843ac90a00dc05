import { Field, ID, ObjectType } from '@nestjs/graphql';

import { UserRoleName } from './user.type';

/** Who is calling: what the UI needs to know before it shows anything. */
@ObjectType()
export class Viewer {
  @Field(() => ID, { description: 'The user id; `default_user_id` for the master key.' })
  userId!: string;

  @Field(() => UserRoleName)
  role!: string;

  @Field({ description: 'Authenticated with the master key.' })
  isMaster!: boolean;

  @Field(() => [ID], { description: 'Teams where the caller is a team admin.' })
  adminOfTeams!: string[];

  @Field(() => [ID], { description: 'Teams the caller belongs to, in any role.' })
  memberOfTeams!: string[];
}
