import { useState } from 'preact/hooks';

import { Field } from '../../components/field';
import { parseList, parseOptionalNumber } from '../../format';
import type { NewTeam } from './team-queries';

export function TeamForm({
  busy,
  onSubmit,
  onCancel,
  onInvalid,
}: {
  busy: boolean;
  onSubmit: (team: NewTeam) => void;
  onCancel: () => void;
  onInvalid: (error: Error) => void;
}) {
  const [id, setId] = useState('');
  const [alias, setAlias] = useState('');
  const [maxBudget, setMaxBudget] = useState('');
  const [budgetDuration, setBudgetDuration] = useState('');
  const [models, setModels] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    try {
      onSubmit({
        id: id.trim() || null,
        teamAlias: alias.trim(),
        maxBudget: parseOptionalNumber(maxBudget),
        budgetDuration: budgetDuration.trim() || null,
        models: parseList(models),
      });
    } catch (error) {
      onInvalid(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return (
    <form class="panel form-grid" onSubmit={submit} aria-label="New team">
      <h2>New team</h2>
      <Field label="Team alias" name="teamAlias" value={alias} onInput={setAlias} required />
      <Field label="Team id" name="teamId" value={id} onInput={setId} hint="Optional; generated when empty" />
      <Field
        label="Max budget (USD)"
        name="teamMaxBudget"
        type="number"
        value={maxBudget}
        onInput={setMaxBudget}
      />
      <Field
        label="Budget duration"
        name="teamBudgetDuration"
        value={budgetDuration}
        onInput={setBudgetDuration}
        hint="e.g. 30d"
      />
      <Field
        label="Models"
        name="teamModels"
        value={models}
        onInput={setModels}
        hint="Comma-separated; empty: all"
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Create team
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
