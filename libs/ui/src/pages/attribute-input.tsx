// One attribute of the profile schema as a form input (the profile page, the sign-up page):
// its label, its type's input, its rules as the browser's constraints.
import type { OwnAttributeResponse } from '@userkit/client';
import { useId } from 'preact/hooks';

/** Friendlier names of the standard attributes, unless an admin gave one a label of its own. */
const STANDARD_LABELS: Record<string, string> = {
  middle_name: 'Middle name',
  nickname: 'Nickname',
  preferred_username: 'Username',
  profile: 'Profile page',
  website: 'Website',
  gender: 'Gender',
  birthdate: 'Birth date',
  zoneinfo: 'Time zone',
  locale: 'Language',
};

/** The API's default label: the name split at underscores, in Title Case. */
function titleCase(name: string): string {
  return name
    .split('_')
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** The label the API gives (an admin's, else Title Case); standard ones keep friendlier names. */
export function attributeLabel(attribute: OwnAttributeResponse): string {
  const friendly = STANDARD_LABELS[attribute.name];
  if (attribute.kind === 'standard' && friendly && attribute.label === titleCase(attribute.name))
    return friendly;
  return attribute.label;
}

export function isRequired(attribute: OwnAttributeResponse): boolean {
  return (attribute.validation as { required?: boolean } | undefined)?.required === true;
}

/** '' clears the value (null); numbers are sent as numbers. */
export function parseValue(attribute: OwnAttributeResponse, raw: string): unknown {
  const value = raw.trim();
  if (value === '') return null;
  if (attribute.type === 'number' || attribute.type === 'integer') {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  return value;
}

function InputLabel(props: { id: string; label: string; required?: boolean }) {
  return (
    <label for={props.id}>
      {props.label}
      {props.required && <span class="required-mark"> (required)</span>}
    </label>
  );
}

export function AttributeInput(props: {
  attribute: OwnAttributeResponse;
  label: string;
  value: string;
  onValue: (value: string) => void;
  required?: boolean;
}) {
  const id = useId();
  const { attribute } = props;
  const readOnly = attribute.access !== 'editable';
  const validation = (attribute.validation ?? {}) as {
    enum?: string[];
    min?: number;
    max?: number;
  };
  if (attribute.type === 'enum' || attribute.name === 'gender') {
    const options = validation.enum ?? ['female', 'male', 'other'];
    return (
      <div class="field">
        <InputLabel id={id} label={props.label} required={props.required} />
        <select
          id={id}
          name={attribute.name}
          value={props.value}
          disabled={readOnly}
          required={props.required && !readOnly}
          onChange={(event) => props.onValue(event.currentTarget.value)}
        >
          <option value="">—</option>
          {options.map((option) => (
            <option value={option}>{option}</option>
          ))}
          {props.value && !options.includes(props.value) && (
            <option value={props.value}>{props.value}</option>
          )}
        </select>
      </div>
    );
  }
  const type =
    attribute.name === 'birthdate'
      ? 'date'
      : attribute.type === 'number' || attribute.type === 'integer'
        ? 'number'
        : attribute.type === 'email'
          ? 'email'
          : attribute.type === 'url'
            ? 'url'
            : attribute.type === 'phone'
              ? 'tel'
              : 'text';
  return (
    <div class="field">
      <InputLabel id={id} label={props.label} required={props.required} />
      <input
        id={id}
        name={attribute.name}
        {...({ type } as { type: 'text' })}
        value={props.value}
        readOnly={readOnly}
        required={props.required && !readOnly}
        aria-readonly={readOnly ? true : undefined}
        min={validation.min}
        max={validation.max}
        step={attribute.type === 'number' ? 'any' : undefined}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
      {readOnly && <p class="hint">Only an administrator can change this.</p>}
    </div>
  );
}
