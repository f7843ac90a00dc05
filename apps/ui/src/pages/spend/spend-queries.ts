import { gql, type Connection } from '../../graphql';
import type { GroupTotal, SpendRow } from './spend-math';

export interface SpendReport {
  /** One row per day with spend (every request once). */
  perDay: SpendRow[];
  byKey: GroupTotal[];
  byTeam: GroupTotal[];
  byModel: GroupTotal[];
  byTag: GroupTotal[];
}

interface TotalRow {
  group: { id: string | null; name: string | null };
  spend: number;
  requests: number;
}

const DAY = 'day group { id name } spend requests promptTokens completionTokens';
const TOTAL = 'group { id name } spend requests';

/**
 * The period's spend in one request, aggregated on the server: per day (at most one row a day),
 * and the `top` biggest spenders by key, team, model and tag.
 */
export async function spendReport(from: string, to: string, top: number): Promise<SpendReport> {
  const answer = await gql<
    { perDay: SpendRow[] } & Record<'byKey' | 'byTeam' | 'byModel' | 'byTag', TotalRow[]>
  >(
    `query Spend($from: String!, $to: String!, $top: Int!) {
      perDay: spendSummary(from: $from, to: $to) { ${DAY} }
      byKey: spendTotals(from: $from, to: $to, groupBy: KEY, first: $top) { ${TOTAL} }
      byTeam: spendTotals(from: $from, to: $to, groupBy: TEAM, first: $top) { ${TOTAL} }
      byModel: spendTotals(from: $from, to: $to, groupBy: MODEL, first: $top) { ${TOTAL} }
      byTag: spendTotals(from: $from, to: $to, groupBy: TAG, first: $top) { ${TOTAL} }
    }`,
    { from, to, top },
  );
  const named = (rows: TotalRow[]): GroupTotal[] =>
    rows.map((row) => ({
      id: row.group.id,
      name: row.group.name ?? row.group.id ?? '(none)',
      spend: row.spend,
      requests: row.requests,
    }));
  return {
    perDay: answer.perDay,
    byKey: named(answer.byKey),
    byTeam: named(answer.byTeam),
    byModel: named(answer.byModel),
    byTag: named(answer.byTag),
  };
}

export interface BudgetRow {
  id: string;
  name: string;
  budget: { spend: number; maxBudget: number | null };
}

interface Named {
  id: string;
  keyAlias?: string | null;
  keyName?: string;
  alias?: string | null;
  budget: { spend: number; maxBudget: number | null };
}

/** The top spending keys and teams (one page of each, ordered by spend on the server). */
export async function budgetUse(first: number): Promise<{ keys: BudgetRow[]; teams: BudgetRow[] }> {
  const answer = await gql<{ keys: Connection<Named>; teams: Connection<Named> }>(
    `query BudgetUse($first: Int!) {
      keys(first: $first, orderBy: { field: SPEND, direction: DESC }) {
        totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id keyAlias keyName budget { spend maxBudget } } }
      }
      teams(first: $first, orderBy: { field: SPEND, direction: DESC }) {
        totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id alias budget { spend maxBudget } } }
      }
    }`,
    { first },
  );
  const rows = (connection: Connection<Named>) =>
    connection.edges.map(({ node }) => ({
      id: node.id,
      name: node.keyAlias ?? node.alias ?? node.keyName ?? node.id,
      budget: node.budget,
    }));
  return { keys: rows(answer.keys), teams: rows(answer.teams) };
}
