import { parseDuration, type KeyFields, type KeyRef } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';
import { z } from 'zod';

import { budget, defined, duration, id, limit, metadata, models } from './request-fields';

const keyFields = z.object({
  key_alias: z.string().min(1).max(200).nullable().optional(),
  user_id: id.nullable().optional(),
  team_id: id.nullable().optional(),
  organization_id: id.nullable().optional(),
  models: models.optional(),
  aliases: z.record(z.string(), z.string()).optional(),
  max_budget: budget.optional(),
  soft_budget: budget.optional(),
  budget_duration: duration.optional(),
  rpm_limit: limit.optional(),
  tpm_limit: limit.optional(),
  max_parallel_requests: limit.optional(),
  model_max_budget: z.record(z.string(), z.unknown()).optional(),
  duration: duration.optional(),
  metadata: metadata.optional(),
  tags: z.array(z.string()).optional(),
  blocked: z.boolean().optional(),
});

const keyRef = z.object({ key: z.string().min(1).optional(), key_id: id.optional() });

export const generateKeyRequest = keyFields;
export const updateKeyRequest = keyFields.extend(keyRef.shape);
export const keyRefRequest = keyRef;
export const deleteKeysRequest = z.object({
  keys: z.array(z.string().min(1)).optional(),
  key_ids: z.array(id).optional(),
});
export const listKeysRequest = z.object({
  user_id: id.optional(),
  team_id: id.optional(),
  key_alias: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The domain fields of a generate/update request; `duration` becomes an expiry from now. */
export function keyFieldsOf(body: z.infer<typeof keyFields>): KeyFields {
  const expiresAt =
    body.duration === undefined
      ? undefined
      : body.duration === null
        ? null
        : new Date(Date.now() + (parseDuration(body.duration) as number));
  return defined({
    keyAlias: body.key_alias,
    userId: body.user_id,
    teamId: body.team_id,
    organizationId: body.organization_id,
    models: body.models,
    aliases: body.aliases,
    maxBudget: body.max_budget,
    softBudget: body.soft_budget,
    budgetDuration: body.budget_duration,
    rpmLimit: body.rpm_limit,
    tpmLimit: body.tpm_limit,
    maxParallelRequests: body.max_parallel_requests,
    modelMaxBudget: body.model_max_budget,
    expiresAt,
    metadata: body.metadata,
    tags: body.tags,
    blocked: body.blocked,
  });
}

export function keyRefOf(body: { key?: string | undefined; key_id?: string | undefined }): KeyRef {
  if (body.key) return { key: body.key };
  if (body.key_id) return { id: body.key_id };
  throw GatewayError.badRequest("Missing required parameter: 'key'.", 'key');
}
