import type { ComponentChildren } from 'preact';

interface FieldProps {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly type?: 'text' | 'number' | 'password' | 'email';
  readonly hint?: string;
  readonly required?: boolean;
  readonly placeholder?: string;
  readonly autoComplete?: string;
}

/** A labelled input: the label names it for screen readers, the hint describes it. */
export function Field({ label, name, value, onInput, type = 'text', hint, ...rest }: FieldProps) {
  const id = `field-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        step={type === 'number' ? 'any' : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
        required={rest.required}
        placeholder={rest.placeholder}
        autoComplete={rest.autoComplete ?? 'off'}
      />
      {hint ? (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

interface SelectProps {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly children: ComponentChildren;
}

export function SelectField({ label, name, value, onChange, children }: SelectProps) {
  const id = `field-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {children}
      </select>
    </div>
  );
}
