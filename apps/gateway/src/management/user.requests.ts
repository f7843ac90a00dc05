import type { UserFields } from '@switchyard/identity';
import { z } from 'zod';

import { budget, defined, duration, id, limit, metadata, models, userRole } from './request-fields';

/** `/user/*` request bodies in LiteLLM's names, and their domain fields. */
export const userFields = z.object({
  user_email: z.string().email().nullable().optional(),
  user_alias: z.string().max(200).nullable().optional(),
  user_role: userRole.optional(),
  models: models.optional(),
  max_budget: budget.optional(),
  budget_duration: duration.optional(),
  rpm_limit: limit.optional(),
  tpm_limit: limit.optional(),
  max_parallel_requests: limit.optional(),
  metadata: metadata.optional(),
});
export const newUser = userFields.extend({
  user_id: id.optional(),
  auto_create_key: z.boolean().default(true),
});
export const updateUser = userFields.extend({ user_id: id });

export function userFieldsOf(body: z.infer<typeof userFields>): UserFields {
  return defined({
    email: body.user_email,
    alias: body.user_alias,
    role: body.user_role,
    models: body.models,
    maxBudget: body.max_budget,
    budgetDuration: body.budget_duration,
    rpmLimit: body.rpm_limit,
    tpmLimit: body.tpm_limit,
    maxParallelRequests: body.max_parallel_requests,
    metadata: body.metadata,
  });
}
