import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { withoutSecrets } from '@switchyard/models';

import { Connection } from '../connection';
import { JsonObject } from '../json.scalar';

/** A management mutation as the audit log recorded it (values as written: credentials removed). */
@ObjectType()
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'created, updated, deleted, blocked, unblocked, regenerated, member_added, ...' })
  action!: string;

  @Field({ description: 'key, user, team, organization or model.' })
  entityType!: string;

  @Field(() => ID)
  entityId!: string;

  @Field()
  changedBy!: string;

  @Field(() => JsonObject, { nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => JsonObject, { nullable: true })
  after!: Record<string, unknown> | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent') {}

/** Dates are days (`to` inclusive) or moments. */
@InputType()
export class AuditEventFilter {
  @Field({ nullable: true })
  entityType?: string;

  @Field(() => ID, { nullable: true })
  entityId?: string;

  @Field({ nullable: true })
  changedBy?: string;

  @Field({ nullable: true })
  action?: string;

  @Field({ nullable: true })
  from?: string;

  @Field({ nullable: true })
  to?: string;
}

const PARAMS = new Set(['litellmParams', 'litellm_params']);

/**
 * An audit value as a JSON object. The services write values without credentials; deployment
 * params are stripped once more so a row written by an older version cannot show one.
 */
export function auditValue(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) =>
      PARAMS.has(name) && typeof field === 'object' && field !== null && !Array.isArray(field)
        ? [name, withoutSecrets(field as Record<string, unknown>)]
        : [name, field],
    ),
  );
}
