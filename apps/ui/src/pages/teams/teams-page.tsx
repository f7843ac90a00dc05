import { useState } from 'preact/hooks';

import { BudgetBar } from '../../components/budget-bar';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { Table, type Column } from '../../components/table';
import { useAction } from '../../components/use-action';
import { usePagedList } from '../../components/use-paged-list';
import { href, navigate } from '../../router';
import { isAdmin, type Viewer } from '../../viewer';
import { TeamForm } from './team-form';
import { createTeam, teamsPage, type TeamRow } from './team-queries';

/** The teams the viewer may read (a lead: their own), with budget use; admins create teams. */
export function TeamsPage({ viewer }: { viewer: Viewer }) {
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [creating, setCreating] = useState(false);
  const action = useAction();
  const list = usePagedList((first, after) => teamsPage(applied, first, after), applied);
  const columns: Column<TeamRow>[] = [
    { header: 'Team', cell: (t) => <a href={href('teams', t.id)}>{t.alias ?? t.id}</a> },
    { header: 'Id', cell: (t) => <code>{t.id}</code> },
    { header: 'Budget', cell: (t) => <BudgetBar spend={t.budget.spend} maxBudget={t.budget.maxBudget} /> },
    { header: 'Models', cell: (t) => t.models.join(', ') || 'all' },
    { header: 'Status', cell: (t) => (t.blocked ? 'Blocked' : 'Active') },
  ];
  return (
    <>
      <header class="page-head">
        <h1>Teams</h1>
        {isAdmin(viewer) ? (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            Create team
          </button>
        ) : null}
      </header>
      <ErrorBanner error={action.error} />
      {creating ? (
        <TeamForm
          busy={action.busy}
          onInvalid={action.setError}
          onCancel={() => setCreating(false)}
          onSubmit={(team) =>
            action.run(async () => {
              const id = await createTeam(team);
              setCreating(false);
              navigate('teams', id);
            })
          }
        />
      ) : null}
      <form
        class="filters"
        role="search"
        aria-label="Filter teams"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(search.trim());
        }}
      >
        <Field label="Alias contains" name="team-search" value={search} onInput={setSearch} />
        <button type="submit">Filter</button>
      </form>
      <Table caption="Teams" columns={columns} list={list} rowKey={(t) => t.id} empty="No teams." />
    </>
  );
}
