import { useState } from 'preact/hooks';

import { BudgetBar } from '../components/budget-bar';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { Table, type Column } from '../components/table';
import { useAction } from '../components/use-action';
import { usePagedList } from '../components/use-paged-list';
import { parseOptionalNumber } from '../format';
import { gql, type Connection } from '../graphql';
import { isAdmin, type Viewer } from '../viewer';

interface OrganizationRow {
  id: string;
  alias: string;
  models: string[];
  budget: { spend: number; maxBudget: number | null };
  teams: { id: string }[];
}

async function organizationsPage(first: number, after: string | null) {
  const { organizations } = await gql<{ organizations: Connection<OrganizationRow> }>(
    `query Organizations($first: Int!, $after: String) {
      organizations(first: $first, after: $after) {
        totalCount pageInfo { endCursor hasNextPage }
        edges { cursor node { id alias models budget { spend maxBudget } teams { id } } }
      }
    }`,
    { first, after },
  );
  return organizations;
}

async function createOrganization(organizationAlias: string, maxBudget: number | null): Promise<void> {
  await gql(
    `mutation CreateOrganization($input: OrganizationInput!) { createOrganization(input: $input) { id } }`,
    {
      input: { organizationAlias, maxBudget },
    },
  );
}

/** Organisations with their teams and budget use; admins create them. */
export function OrganizationsPage({ viewer }: { viewer: Viewer }) {
  const [alias, setAlias] = useState('');
  const [budget, setBudget] = useState('');
  const action = useAction();
  const list = usePagedList(organizationsPage, '');
  const columns: Column<OrganizationRow>[] = [
    { header: 'Organisation', cell: (o) => o.alias },
    { header: 'Id', cell: (o) => <code>{o.id}</code> },
    { header: 'Teams', cell: (o) => o.teams.map((t) => t.id).join(', ') || '—' },
    { header: 'Models', cell: (o) => o.models.join(', ') || 'all' },
    { header: 'Budget', cell: (o) => <BudgetBar spend={o.budget.spend} maxBudget={o.budget.maxBudget} /> },
  ];
  return (
    <>
      <h1>Organisations</h1>
      <ErrorBanner error={action.error} />
      {isAdmin(viewer) ? (
        <form
          class="panel form-grid"
          aria-label="New organisation"
          onSubmit={(event) => {
            event.preventDefault();
            void action.run(async () => {
              await createOrganization(alias.trim(), parseOptionalNumber(budget));
              setAlias('');
              setBudget('');
              list.reload();
            });
          }}
        >
          <h2>New organisation</h2>
          <Field label="Alias" name="organizationAlias" value={alias} onInput={setAlias} required />
          <Field
            label="Max budget (USD)"
            name="organizationBudget"
            type="number"
            value={budget}
            onInput={setBudget}
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={action.busy}>
              Create organisation
            </button>
          </div>
        </form>
      ) : null}
      <Table caption="Organisations" columns={columns} list={list} rowKey={(o) => o.id} />
    </>
  );
}
