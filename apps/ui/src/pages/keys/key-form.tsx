import { useState } from 'preact/hooks';

import { Field, SelectField } from '../../components/field';
import { parseList, parseOptionalNumber } from '../../format';
import type { KeyInput, KeyRow, TeamChoice } from './key-queries';

interface KeyFormProps {
  readonly mode: 'create' | 'edit';
  readonly initial?: KeyRow;
  readonly teams: readonly TeamChoice[];
  readonly busy: boolean;
  readonly onSubmit: (input: KeyInput) => void;
  readonly onCancel: () => void;
  readonly onInvalid: (error: Error) => void;
}

const text = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** Create a key, or edit a key's limits: models, budget and its period, rpm/tpm, expiry, tags. */
export function KeyForm({ mode, initial, teams, busy, onSubmit, onCancel, onInvalid }: KeyFormProps) {
  const [alias, setAlias] = useState(initial?.keyAlias ?? '');
  const [teamId, setTeamId] = useState(initial?.teamId ?? teams[0]?.id ?? '');
  const [models, setModels] = useState(initial?.models.join(', ') ?? '');
  const [maxBudget, setMaxBudget] = useState(text(initial?.budget.maxBudget));
  const [budgetDuration, setBudgetDuration] = useState(initial?.budget.budgetDuration ?? '');
  const [rpm, setRpm] = useState(text(initial?.rpmLimit));
  const [tpm, setTpm] = useState(text(initial?.tpmLimit));
  const [duration, setDuration] = useState('');
  const [tags, setTags] = useState(initial?.tags.join(', ') ?? '');

  const submit = (event: Event) => {
    event.preventDefault();
    try {
      const input: KeyInput = {
        keyAlias: alias.trim() || null,
        models: parseList(models),
        maxBudget: parseOptionalNumber(maxBudget),
        budgetDuration: budgetDuration.trim() || null,
        rpmLimit: parseOptionalNumber(rpm),
        tpmLimit: parseOptionalNumber(tpm),
        tags: parseList(tags),
      };
      if (mode === 'create') {
        input.teamId = teamId || null;
        input.duration = duration.trim() || null;
      } else if (duration.trim()) {
        input.duration = duration.trim();
      }
      onSubmit(input);
    } catch (error) {
      onInvalid(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const title = mode === 'create' ? 'New key' : `Edit ${initial?.keyAlias ?? initial?.keyName ?? 'key'}`;
  return (
    <form class="panel form-grid" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <Field label="Alias" name="keyAlias" value={alias} onInput={setAlias} />
      {mode === 'create' ? (
        <SelectField label="Team" name="teamId" value={teamId} onChange={setTeamId}>
          <option value="">No team (my own key)</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.alias ?? team.id}
            </option>
          ))}
        </SelectField>
      ) : null}
      <Field
        label="Models"
        name="models"
        value={models}
        onInput={setModels}
        hint="Comma-separated; empty: all the team allows"
      />
      <Field
        label="Max budget (USD)"
        name="maxBudget"
        type="number"
        value={maxBudget}
        onInput={setMaxBudget}
      />
      <Field
        label="Budget duration"
        name="budgetDuration"
        value={budgetDuration}
        onInput={setBudgetDuration}
        hint="e.g. 30d, 1mo; empty: never reset"
      />
      <Field label="RPM limit" name="rpmLimit" type="number" value={rpm} onInput={setRpm} />
      <Field label="TPM limit" name="tpmLimit" type="number" value={tpm} onInput={setTpm} />
      <Field
        label="Expires in"
        name="duration"
        value={duration}
        onInput={setDuration}
        hint="e.g. 30d; empty: never (on edit: unchanged)"
      />
      <Field label="Tags" name="tags" value={tags} onInput={setTags} hint="Comma-separated" />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {mode === 'create' ? 'Create key' : 'Save limits'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
