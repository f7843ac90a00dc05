import { budgetShare, formatUsd } from '../format';

/** Spend against the budget as a bar; red past 90 %. Without a budget, the spend alone. */
export function BudgetBar({ spend, maxBudget }: { spend: number; maxBudget: number | null }) {
  const share = budgetShare(spend, maxBudget);
  const text =
    share === null ? `${formatUsd(spend)} (no budget)` : `${formatUsd(spend)} of ${formatUsd(maxBudget)}`;
  if (share === null) return <span class="budget-text">{text}</span>;
  return (
    <span class="budget">
      <svg viewBox="0 0 100 8" class="budget-bar" role="img" aria-label={`Budget used: ${text}`}>
        <rect x="0" y="0" width="100" height="8" class="budget-track" />
        <rect
          x="0"
          y="0"
          width={share * 100}
          height="8"
          class={share > 0.9 ? 'budget-used over' : 'budget-used'}
        />
      </svg>
      <span class="budget-text">{text}</span>
    </span>
  );
}
