import { BudgetBar } from '../../components/budget-bar';
import { formatCount, formatUsd } from '../../format';
import type { BudgetRow } from './spend-queries';
import type { GroupTotal } from './spend-math';

/** The top spenders of one dimension over the period (ranked by the server). */
export function TopSpenders({ title, totals }: { title: string; totals: readonly GroupTotal[] }) {
  return (
    <div class="table-scroll card">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Spend</th>
            <th scope="col">Requests</th>
          </tr>
        </thead>
        <tbody>
          {totals.length === 0 ? (
            <tr>
              <td colSpan={3}>No spend in this period.</td>
            </tr>
          ) : null}
          {totals.map((total) => (
            <tr key={total.id ?? '(none)'}>
              <td data-label="Name">{total.name}</td>
              <td data-label="Spend">{formatUsd(total.spend)}</td>
              <td data-label="Requests">{formatCount(total.requests)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BudgetUse({ title, rows }: { title: string; rows: readonly BudgetRow[] }) {
  return (
    <div class="card">
      <h3>{title}</h3>
      <ul class="budget-list">
        {rows.map((row) => (
          <li key={row.id}>
            <span class="budget-name">{row.name}</span>
            <BudgetBar spend={row.budget.spend} maxBudget={row.budget.maxBudget} />
          </li>
        ))}
      </ul>
    </div>
  );
}
