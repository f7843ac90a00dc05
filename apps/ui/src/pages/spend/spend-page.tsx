import { useEffect, useState } from 'preact/hooks';

import { BarChart } from '../../components/bar-chart';
import { ErrorBanner } from '../../components/error-banner';
import { formatCount, formatUsd, lastDays } from '../../format';
import { spendPerDay, totalsOf } from './spend-math';
import { budgetUse, spendReport, type BudgetRow, type SpendReport } from './spend-queries';
import { BudgetUse, TopSpenders } from './spend-tables';

const DAYS = 30;
const TOP = 10;

/** The last 30 days: spend per day, totals, top spenders by key, team, model and tag, budget use. */
export function SpendPage() {
  const [days] = useState(() => lastDays(DAYS, new Date()));
  const [report, setReport] = useState<SpendReport | null>(null);
  const [budgets, setBudgets] = useState<{ keys: BudgetRow[]; teams: BudgetRow[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const from = days[0] ?? '';
    const to = days[days.length - 1] ?? '';
    spendReport(from, to, TOP).then(setReport, setError);
    budgetUse(10).then(setBudgets, setError);
  }, [days]);

  const totals = report ? totalsOf(report.perDay) : null;
  return (
    <>
      <h1>Spend</h1>
      <p class="hint">
        {days[0]} to {days[days.length - 1]} (UTC), as of the last spend aggregation.
      </p>
      <ErrorBanner error={error} />
      {totals ? (
        <dl class="totals" aria-label="Totals for the period">
          <div>
            <dt>Total spend</dt>
            <dd data-testid="total-spend">{formatUsd(totals.spend)}</dd>
          </div>
          <div>
            <dt>Requests</dt>
            <dd>{formatCount(totals.requests)}</dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd>{formatCount(totals.tokens)}</dd>
          </div>
        </dl>
      ) : (
        <p aria-busy="true">Loading spend…</p>
      )}
      {report ? (
        <>
          <section class="card" aria-labelledby="per-day">
            <h2 id="per-day">Spend per day</h2>
            <BarChart
              title={`Spend per day over the last ${DAYS} days`}
              bars={spendPerDay(report.perDay, days)}
              format={formatUsd}
            />
          </section>
          <h2>Top spenders</h2>
          <div class="grid">
            <TopSpenders title="By key" totals={report.byKey} />
            <TopSpenders title="By team" totals={report.byTeam} />
            <TopSpenders title="By model" totals={report.byModel} />
            <TopSpenders title="By tag" totals={report.byTag} />
          </div>
        </>
      ) : null}
      {budgets ? (
        <>
          <h2>Budget use</h2>
          <div class="grid">
            <BudgetUse title="Keys (top 10 by spend)" rows={budgets.keys} />
            <BudgetUse title="Teams (top 10 by spend)" rows={budgets.teams} />
          </div>
        </>
      ) : null}
    </>
  );
}
