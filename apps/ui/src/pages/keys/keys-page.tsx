import { useEffect, useState } from 'preact/hooks';

import { BudgetBar } from '../../components/budget-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { Table, type Column } from '../../components/table';
import { useAction } from '../../components/use-action';
import { usePagedList } from '../../components/use-paged-list';
import { formatCount, formatDateTime } from '../../format';
import type { Route } from '../../router';
import { canManageKeys, type Viewer } from '../../viewer';
import { KeyFilters } from './key-filters';
import { KeyForm } from './key-form';
import {
  deleteKey,
  generateKey,
  keysPage,
  regenerateKey,
  setKeyBlocked,
  teamChoices,
  updateKey,
  type KeyFilter,
  type KeyRow,
  type TeamChoice,
} from './key-queries';
import { NewKeyNotice } from './new-key-notice';

/** Keys the viewer may read: filter, create (secret shown once), edit limits, block, regenerate, delete. */
export function KeysPage({ viewer, route }: { viewer: Viewer; route: Route }) {
  const [filter, setFilter] = useState<KeyFilter>(() => {
    const team = route.query.get('team');
    return team ? { teamId: team } : {};
  });
  const [teams, setTeams] = useState<TeamChoice[]>([]);
  const [form, setForm] = useState<{ mode: 'create' } | { mode: 'edit'; key: KeyRow } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();
  const list = usePagedList((first, after) => keysPage(filter, first, after), JSON.stringify(filter));
  const manage = canManageKeys(viewer);

  useEffect(() => {
    teamChoices().then(setTeams, action.setError);
  }, []);

  const act = (work: () => Promise<void>) =>
    action.run(async () => {
      await work();
      list.reload();
    });

  const columns: Column<KeyRow>[] = [
    { header: 'Alias', cell: (k) => k.keyAlias ?? <em>none</em> },
    { header: 'Key', cell: (k) => <code>{k.keyName}</code> },
    { header: 'Team', cell: (k) => k.teamId ?? '—' },
    { header: 'Status', cell: (k) => <span class={`status ${k.status.toLowerCase()}`}>{k.status}</span> },
    { header: 'Budget', cell: (k) => <BudgetBar spend={k.budget.spend} maxBudget={k.budget.maxBudget} /> },
    { header: 'Limits', cell: (k) => `rpm ${formatCount(k.rpmLimit)} · tpm ${formatCount(k.tpmLimit)}` },
    { header: 'Tags', cell: (k) => k.tags.join(', ') || '—' },
    { header: 'Expires', cell: (k) => formatDateTime(k.expiresAt) },
  ];
  if (manage) {
    columns.push({
      header: 'Actions',
      cell: (k) => {
        const name = k.keyAlias ?? k.keyName;
        return (
          <div class="row-actions">
            <button
              type="button"
              onClick={() => setForm({ mode: 'edit', key: k })}
              aria-label={`Edit ${name}`}
            >
              Edit
            </button>
            <button
              type="button"
              aria-label={`${k.blocked ? 'Unblock' : 'Block'} ${name}`}
              onClick={() =>
                action.confirm(
                  {
                    title: `${k.blocked ? 'Unblock' : 'Block'} ${name}?`,
                    message: k.blocked
                      ? 'Requests with this key will be accepted again.'
                      : 'Requests with this key will be refused at once, on every replica.',
                    confirmLabel: k.blocked ? 'Unblock' : 'Block',
                  },
                  () => act(() => setKeyBlocked(k.id, !k.blocked)),
                )
              }
            >
              {k.blocked ? 'Unblock' : 'Block'}
            </button>
            <button
              type="button"
              aria-label={`Regenerate ${name}`}
              onClick={() =>
                action.confirm(
                  {
                    title: `Regenerate ${name}?`,
                    message: 'The current secret stops working at once; the new one is shown once.',
                    confirmLabel: 'Regenerate',
                  },
                  () => act(async () => setSecret((await regenerateKey(k.id)).key)),
                )
              }
            >
              Regenerate
            </button>
            <button
              type="button"
              class="danger"
              aria-label={`Delete ${name}`}
              onClick={() =>
                action.confirm(
                  { title: `Delete ${name}?`, message: 'This cannot be undone.', confirmLabel: 'Delete' },
                  () => act(() => deleteKey(k.id)),
                )
              }
            >
              Delete
            </button>
          </div>
        );
      },
    });
  }

  return (
    <>
      <header class="page-head">
        <h1>Keys</h1>
        {manage ? (
          <button type="button" class="primary" onClick={() => setForm({ mode: 'create' })}>
            Create key
          </button>
        ) : null}
      </header>
      {secret ? <NewKeyNotice secret={secret} onDismiss={() => setSecret(null)} /> : null}
      <ErrorBanner error={action.error} />
      {form ? (
        <KeyForm
          key={form.mode === 'edit' ? form.key.id : 'new'}
          mode={form.mode}
          initial={form.mode === 'edit' ? form.key : undefined}
          teams={teams}
          busy={action.busy}
          onInvalid={action.setError}
          onCancel={() => setForm(null)}
          onSubmit={(input) =>
            act(async () => {
              if (form.mode === 'create') setSecret((await generateKey(input)).key);
              else await updateKey(form.key.id, input);
              setForm(null);
            })
          }
        />
      ) : null}
      <KeyFilters initial={filter} teams={teams} onApply={setFilter} />
      <Table caption="Keys" columns={columns} list={list} rowKey={(k) => k.id} empty="No keys match." />
      <ConfirmDialog request={action.confirmation} onClose={action.closeConfirmation} />
    </>
  );
}
