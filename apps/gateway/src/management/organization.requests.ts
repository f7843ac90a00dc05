import type { OrganizationFields } from '@switchyard/identity';
import { z } from 'zod';

import { budget, defined, duration, id, limit, metadata, models } from './request-fields';

/** `/organization/*` request bodies in LiteLLM's names, and their domain fields. */
export const orgFields = z.object({
  organization_alias: z.string().min(1).max(200).optional(),
  models: models.optional(),
  max_budget: budget.optional(),
  budget_duration: duration.optional(),
  rpm_limit: limit.optional(),
  tpm_limit: limit.optional(),
  metadata: metadata.optional(),
});
export const newOrg = orgFields.extend({
  organization_id: id.optional(),
  organization_alias: z.string().min(1).max(200),
});
export const updateOrg = orgFields.extend({ organization_id: id });
export const orgMember = z
  .object({
    user_id: id.optional(),
    user_email: z.string().email().optional(),
    role: z.enum(['org_admin', 'internal_user', 'internal_user_viewer']).default('internal_user'),
  })
  .refine(
    (m) => m.user_id !== undefined || m.user_email !== undefined,
    'a member needs user_id or user_email',
  );

export function organizationFieldsOf(body: z.infer<typeof orgFields>): OrganizationFields {
  return defined({
    alias: body.organization_alias,
    models: body.models,
    maxBudget: body.max_budget,
    budgetDuration: body.budget_duration,
    rpmLimit: body.rpm_limit,
    tpmLimit: body.tpm_limit,
    metadata: body.metadata,
  });
}
