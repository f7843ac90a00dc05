import { useState } from 'preact/hooks';

import { Field } from '../../components/field';
import { parseOptionalNumber } from '../../format';
import type { ModelDraft, ModelRow } from './model-queries';

/** Add or edit a DB deployment; the stored credential is never shown, only replaced. */
export function ModelForm({
  initial,
  busy,
  onSubmit,
  onCancel,
  onInvalid,
}: {
  initial?: ModelRow;
  busy: boolean;
  onSubmit: (draft: ModelDraft) => void;
  onCancel: () => void;
  onInvalid: (error: Error) => void;
}) {
  const [modelName, setModelName] = useState(initial?.modelName ?? '');
  const [model, setModel] = useState(initial?.litellmModel ?? '');
  const [apiBase, setApiBase] = useState(initial?.apiBase ?? '');
  const [apiKey, setApiKey] = useState('');
  const [rpm, setRpm] = useState(
    initial?.rpm === null || initial?.rpm === undefined ? '' : String(initial.rpm),
  );
  const [tpm, setTpm] = useState(
    initial?.tpm === null || initial?.tpm === undefined ? '' : String(initial.tpm),
  );
  const title = initial ? `Edit deployment ${initial.modelName}` : 'New DB deployment';
  return (
    <form
      class="panel form-grid"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        try {
          onSubmit({
            modelName: modelName.trim(),
            model: model.trim(),
            apiBase: apiBase.trim(),
            apiKey,
            rpm: parseOptionalNumber(rpm),
            tpm: parseOptionalNumber(tpm),
          });
        } catch (error) {
          onInvalid(error instanceof Error ? error : new Error(String(error)));
        }
      }}
    >
      <h2>{title}</h2>
      <Field
        label="Model name"
        name="modelName"
        value={modelName}
        onInput={setModelName}
        required
        hint="The name clients ask for"
      />
      <Field
        label="Provider model"
        name="litellmModel"
        value={model}
        onInput={setModel}
        required
        hint="e.g. openai/gpt-4o"
      />
      <Field label="API base" name="apiBase" value={apiBase} onInput={setApiBase} />
      <Field
        label="API key"
        name="apiKey"
        type="password"
        value={apiKey}
        onInput={setApiKey}
        autoComplete="new-password"
        hint={
          initial
            ? 'Stored encrypted and never shown; leave empty to keep it'
            : 'Stored encrypted and never shown again'
        }
      />
      <Field label="RPM" name="modelRpm" type="number" value={rpm} onInput={setRpm} />
      <Field label="TPM" name="modelTpm" type="number" value={tpm} onInput={setTpm} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {initial ? 'Save deployment' : 'Add deployment'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
