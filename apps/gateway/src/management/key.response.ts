import type { VirtualKey } from '@switchyard/identity';

/** A key in LiteLLM's JSON shape, without the key or its hash. */
export function keyResponse(key: VirtualKey) {
  return {
    key_id: key.id,
    key_name: key.keyName,
    key_alias: key.keyAlias,
    user_id: key.userId,
    team_id: key.teamId,
    organization_id: key.organizationId,
    models: key.models,
    aliases: key.aliases,
    spend: key.spend,
    max_budget: key.maxBudget,
    soft_budget: key.softBudget,
    budget_duration: key.budgetDuration,
    budget_reset_at: key.budgetResetAt,
    rpm_limit: key.rpmLimit,
    tpm_limit: key.tpmLimit,
    max_parallel_requests: key.maxParallelRequests,
    model_max_budget: key.modelMaxBudget,
    expires: key.expiresAt,
    blocked: key.blocked,
    metadata: key.metadata,
    tags: key.tags,
    created_by: key.createdBy,
    updated_by: key.updatedBy,
    created_at: key.createdAt,
    updated_at: key.updatedAt,
  };
}
