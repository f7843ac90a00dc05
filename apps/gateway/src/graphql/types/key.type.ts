import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { VirtualKey } from '@switchyard/identity';

import { Connection, Order } from '../connection';
import { JsonObject } from '../json.scalar';
import { BudgetedEntity, BudgetedInput } from './entity.type';

export enum KeyStatus {
  ACTIVE = 'active',
  BLOCKED = 'blocked',
  EXPIRED = 'expired',
}
registerEnumType(KeyStatus, { name: 'KeyStatus' });

export enum KeySortField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  SPEND = 'spend',
}
registerEnumType(KeySortField, { name: 'KeySortField' });

/** A virtual key: never the key itself nor its hash (keyName is the masked form). */
@ObjectType('Key')
export class KeyNode extends BudgetedEntity {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The masked key, e.g. sk-...abcd.' })
  keyName!: string;

  @Field(() => String, { nullable: true })
  keyAlias!: string | null;

  @Field(() => ID, { nullable: true })
  userId!: string | null;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => [String], { description: 'Models the key may call; empty: all its team allows.' })
  models!: string[];

  @Field(() => JsonObject)
  aliases!: Record<string, string>;

  @Field(() => Int, { nullable: true })
  maxParallelRequests!: number | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field()
  blocked!: boolean;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, { nullable: true })
  createdBy!: string | null;
}

@ObjectType()
export class KeyConnection extends Connection(KeyNode, 'Key') {}

@InputType()
export class KeyFilter {
  @Field(() => ID, { nullable: true })
  teamId?: string;

  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field({ nullable: true, description: 'Part of the alias, any case.' })
  aliasContains?: string;

  @Field(() => KeyStatus, { nullable: true })
  status?: KeyStatus;
}

@InputType()
export class KeyOrder extends Order(KeySortField, KeySortField.CREATED_AT) {}

/** The settable fields of a key, as `/key/generate` and `/key/update` take them. */
@InputType()
export class KeyInput extends BudgetedInput {
  @Field(() => String, { nullable: true })
  keyAlias?: string | null;

  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => ID, { nullable: true })
  teamId?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => JsonObject, { nullable: true })
  aliases?: Record<string, string>;

  @Field(() => Float, { nullable: true })
  softBudget?: number | null;

  @Field(() => Int, { nullable: true })
  maxParallelRequests?: number | null;

  @Field(() => JsonObject, { nullable: true })
  modelMaxBudget?: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'Expires this long from now (e.g. 30d); null: never.' })
  duration?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[];
}

/** A new or regenerated key: `key` is shown this once. */
@ObjectType()
export class GeneratedKey {
  @Field({ description: 'The key itself (sk-...): shown once, never stored.' })
  key!: string;

  @Field(() => KeyNode)
  record!: VirtualKey;
}
