import { gql, type Connection } from '../../graphql';
import type { SpendRow } from './spend-math';

export interface SpendReport {
  byKey: SpendRow[];
  byTeam: SpendRow[];
  byModel: SpendRow[];
  byTag: SpendRow[];
}

const ROW = 'day group { id name } spend requests promptTokens completionTokens';

/** The period's spend four ways in one request (aggregates: one row per day and group). */
export async function spendReport(from: string, to: string): Promise<SpendReport> {
  return gql<SpendReport>(
    `query Spend($from: String!, $to: String!) {
      byKey: spendSummary(from: $from, to: $to, groupBy: KEY) { ${ROW} }
      byTeam: spendSummary(from: $from, to: $to, groupBy: TEAM) { ${ROW} }
      byModel: spendSummary(from: $from, to: $to, groupBy: MODEL) { ${ROW} }
      byTag: spendSummary(from: $from, to: $to, groupBy: TAG) { ${ROW} }
    }`,
    { from, to },
  );
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
