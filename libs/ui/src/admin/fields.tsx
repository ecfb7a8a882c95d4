// The admin forms need selects, text areas and check boxes; the shared Field is a text input.
// Same pattern: a label tied to the control, hint and error tied by aria-describedby.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  return (
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  );
}

function HintAndError(props: { id: string; hint?: string; error?: string | null }) {
  return (
    <>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: {
  label: string;
  name: string;
  value: string;
  options: readonly Option[];
  onValue: (value: string) => void;
  hint?: string;
  error?: string | null;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(event) => props.onValue(event.currentTarget.value)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <HintAndError id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function TextAreaField(props: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  hint?: string;
  error?: string | null;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        spellcheck={false}
        class="code-input"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
      <HintAndError id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function CheckboxField(props: {
  label: ComponentChildren;
  name: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div class="check-field">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        checked={props.checked}
        aria-describedby={describedBy(id, props.hint)}
        onChange={(event) => props.onChecked(event.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

export const ANY_YES_NO: readonly Option[] = [
  { value: '', label: 'Any' },
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];
