import { useEffect, useState } from 'preact/hooks';

import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { SelectField } from '../../components/field';
import { Table, type Column } from '../../components/table';
import { useAction } from '../../components/use-action';
import { usePagedList } from '../../components/use-paged-list';
import { isAdmin, type Viewer } from '../../viewer';
import { ModelForm } from './model-form';
import {
  createModel,
  deleteModel,
  deploymentHealth,
  modelsPage,
  updateModel,
  type Health,
  type ModelRow,
} from './model-queries';

/** Credentials are never sent to the browser: the list shows which are set, masked. */
const MASKED = '••••••••';

/** Config and DB deployments with their health; admins add, edit and delete DB deployments. */
export function ModelsPage({ viewer }: { viewer: Viewer }) {
  const [source, setSource] = useState('');
  const [health, setHealth] = useState<Map<string, Health> | null>(null);
  const [form, setForm] = useState<{ initial?: ModelRow } | null>(null);
  const action = useAction();
  const admin = isAdmin(viewer);
  const list = usePagedList((first, after) => modelsPage(source, first, after), source);

  // Refreshed with every load of the list, so a new deployment gets its state too.
  useEffect(() => {
    if (admin && !list.loading) deploymentHealth().then(setHealth, () => setHealth(null));
  }, [admin, list.loading]);

  const act = (work: () => Promise<void>) =>
    action.run(async () => {
      await work();
      setForm(null);
      list.reload();
    });

  const columns: Column<ModelRow>[] = [
    { header: 'Model name', cell: (m) => m.modelName },
    { header: 'Provider model', cell: (m) => <code>{m.litellmModel}</code> },
    { header: 'Source', cell: (m) => (m.source === 'DB' ? 'Database' : 'config.yaml') },
    { header: 'API base', cell: (m) => m.apiBase ?? '—' },
    {
      header: 'Credentials',
      cell: (m) =>
        m.credentialFields.length === 0
          ? 'none'
          : m.credentialFields.map((field) => (
              <span key={field} class="credential" aria-label={`${field} set, hidden`}>
                {field}: {MASKED}{' '}
              </span>
            )),
    },
    {
      header: 'Health',
      cell: (m) => {
        const state = health?.get(m.id);
        if (!state) return admin ? 'unknown' : '—';
        return (
          <span class={`status ${state.status.toLowerCase()}`}>
            {state.status}
            {state.lastErrorClass ? ` (${state.lastErrorClass})` : ''}
          </span>
        );
      },
    },
  ];
  if (admin) {
    columns.push({
      header: 'Actions',
      cell: (m) =>
        m.source === 'DB' ? (
          <div class="row-actions">
            <button type="button" aria-label={`Edit ${m.modelName}`} onClick={() => setForm({ initial: m })}>
              Edit
            </button>
            <button
              type="button"
              class="danger"
              aria-label={`Delete ${m.modelName}`}
              onClick={() =>
                action.confirm(
                  {
                    title: `Delete ${m.modelName}?`,
                    message: 'Requests for it stop being routed to this deployment.',
                    confirmLabel: 'Delete',
                  },
                  () => act(() => deleteModel(m.id)),
                )
              }
            >
              Delete
            </button>
          </div>
        ) : (
          <span class="hint">config.yaml</span>
        ),
    });
  }
  return (
    <>
      <header class="page-head">
        <h1>Models</h1>
        {admin ? (
          <button type="button" class="primary" onClick={() => setForm({})}>
            Add DB deployment
          </button>
        ) : null}
      </header>
      <ErrorBanner error={action.error} />
      {form ? (
        <ModelForm
          key={form.initial?.id ?? 'new'}
          initial={form.initial}
          busy={action.busy}
          onInvalid={action.setError}
          onCancel={() => setForm(null)}
          onSubmit={(draft) =>
            act(() => (form.initial ? updateModel(form.initial.id, draft) : createModel(draft)))
          }
        />
      ) : null}
      <div class="filters">
        <SelectField label="Source" name="model-source" value={source} onChange={setSource}>
          <option value="">Config and database</option>
          <option value="CONFIG">config.yaml</option>
          <option value="DB">Database</option>
        </SelectField>
      </div>
      <Table caption="Model deployments" columns={columns} list={list} rowKey={(m) => m.id} />
      <ConfirmDialog request={action.confirmation} onClose={action.closeConfirmation} />
    </>
  );
}
