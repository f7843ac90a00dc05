import { budgetResetAt, parseDuration, USER_ROLES, type UserRole } from '@switchyard/identity';

import type { BudgetWindow, Limits } from './import-records';
import { numberOf, text, timestamp, type LiteLlmRow } from './litellm-row';

/** Our limit columns are 32-bit integers; LiteLLM's tpm/rpm are BigInt. */
const MAX_LIMIT = 2_147_483_647;

/**
 * `budget_duration` and `budget_reset_at`. A duration this gateway cannot parse is dropped with
 * its reset time (the budget then never resets: stricter, never looser) and reported.
 */
export function budgetWindowOf(row: LiteLlmRow, notes: string[]): BudgetWindow {
  const duration = text(row, 'budget_duration');
  if (duration === null) return { budgetDuration: null, budgetResetAt: null };
  if (parseDuration(duration) === undefined) {
    notes.push(
      `budget_duration "${duration}" is not a supported duration (30s, 10m, 1h, 30d, 2w, 1mo): copied without a budget period, so its spend never resets`,
    );
    return { budgetDuration: null, budgetResetAt: null };
  }
  return {
    budgetDuration: duration,
    budgetResetAt: timestamp(row, 'budget_reset_at') ?? budgetResetAt(duration),
  };
}

export function limitsOf(row: LiteLlmRow, notes: string[]): Limits {
  return {
    rpmLimit: limitOf(row, 'rpm_limit', notes),
    tpmLimit: limitOf(row, 'tpm_limit', notes),
    maxParallelRequests: limitOf(row, 'max_parallel_requests', notes),
  };
}

function limitOf(row: LiteLlmRow, column: string, notes: string[]): number | null {
  const value = numberOf(row, column);
  if (value === null) return null;
  if (value < 0) {
    notes.push(`${column} ${value} is negative: copied as no limit`);
    return null;
  }
  if (value > MAX_LIMIT) {
    notes.push(`${column} ${value} is above ${MAX_LIMIT}: copied as ${MAX_LIMIT}`);
    return MAX_LIMIT;
  }
  return Math.floor(value);
}

/**
 * LiteLLM's roles beyond our four, mapped to the nearest one that grants no more: `org_admin`
 * keeps its admin rights on its organisation memberships; legacy `app_owner` created keys and
 * read their spend (internal_user); `app_user`, `team` and `customer` only used keys.
 */
const NEAREST_ROLE: Readonly<Record<string, UserRole>> = {
  org_admin: 'internal_user',
  app_owner: 'internal_user',
  app_user: 'internal_user_viewer',
  team: 'internal_user_viewer',
  customer: 'internal_user_viewer',
};

export function userRoleOf(row: LiteLlmRow, notes: string[]): UserRole {
  const role = text(row, 'user_role');
  if (role !== null && (USER_ROLES as readonly string[]).includes(role)) return role as UserRole;
  const nearest = (role !== null ? NEAREST_ROLE[role] : undefined) ?? 'internal_user_viewer';
  notes.push(
    role === null
      ? `no user_role: copied as ${nearest}`
      : `user_role "${role}" ${NEAREST_ROLE[role] ? 'does not exist here' : 'is unknown'}: copied as ${nearest}`,
  );
  return nearest;
}
