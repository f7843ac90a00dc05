import { parseDuration } from './duration';

/** When a budget with this duration next resets: now + duration (none without a duration). */
export function budgetResetAt(budgetDuration: string | null | undefined, now = Date.now()): Date | null {
  const ms = budgetDuration ? parseDuration(budgetDuration) : undefined;
  return ms === undefined ? null : new Date(now + ms);
}
