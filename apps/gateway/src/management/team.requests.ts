import type { MemberRef, TeamFields } from '@switchyard/identity';
import { z } from 'zod';

import { budget, defined, duration, id, limit, member, metadata, models } from './request-fields';

/** `/team/*` request bodies in LiteLLM's names, and their domain fields. */
export const teamFields = z.object({
  team_alias: z.string().min(1).max(200).nullable().optional(),
  organization_id: id.nullable().optional(),
  models: models.optional(),
  max_budget: budget.optional(),
  budget_duration: duration.optional(),
  rpm_limit: limit.optional(),
  tpm_limit: limit.optional(),
  max_parallel_requests: limit.optional(),
  blocked: z.boolean().optional(),
  metadata: metadata.optional(),
});
export const newTeam = teamFields.extend({
  team_id: id.optional(),
  members_with_roles: z.array(member).default([]),
});
export const updateTeam = teamFields.extend({ team_id: id });
export const memberAdd = z.object({ team_id: id, member: z.union([member, z.array(member).min(1)]) });
export const memberDelete = z
  .object({ team_id: id, user_id: id.optional(), user_email: z.string().email().optional() })
  .refine((m) => m.user_id !== undefined || m.user_email !== undefined, 'user_id or user_email is required');

export function teamFieldsOf(body: z.infer<typeof teamFields>): TeamFields {
  return defined({
    alias: body.team_alias,
    organizationId: body.organization_id,
    models: body.models,
    maxBudget: body.max_budget,
    budgetDuration: body.budget_duration,
    rpmLimit: body.rpm_limit,
    tpmLimit: body.tpm_limit,
    maxParallelRequests: body.max_parallel_requests,
    blocked: body.blocked,
    metadata: body.metadata,
  });
}

export const memberOf = (m: z.infer<typeof member>): MemberRef => ({
  role: m.role,
  ...(m.user_id ? { userId: m.user_id } : {}),
  ...(m.user_email ? { email: m.user_email } : {}),
});
