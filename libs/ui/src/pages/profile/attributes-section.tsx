import type { OwnAttributeResponse, OwnAttributeSchemaResponse, User } from '@userkit/client';
import { useEffect, useId, useState } from 'preact/hooks';
import { errorMessage, Form, Notice } from '../../components/index.js';
import { Section } from './section.js';

// Shown elsewhere on the page (names, picture) or not a single value (address).
const SHOWN_ELSEWHERE = new Set(['given_name', 'family_name', 'picture', 'address']);

const LABELS: Record<string, string> = {
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

function labelOf(attribute: OwnAttributeResponse): string {
  return (
    LABELS[attribute.name] ??
    attribute.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
  );
}

/** The attributes of the profile schema the user may see; editable ones in a form, as typed. */
export function AttributesSection({ user }: { user: User }) {
  const [schema, setSchema] = useState<OwnAttributeSchemaResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    // Token answers (sign-in, refresh) carry no attributes; GET /me (reload) does.
    Promise.all([user.getAttributeSchema(), user.reload()])
      .then(([loaded]) => setSchema(loaded))
      .catch((failure) => setError(errorMessage(failure)));
  }, [user.id]);
  if (error)
    return (
      <Section title="More about you">
        <Notice kind="error">{error}</Notice>
      </Section>
    );
  if (!schema) return null;
  const stored = (attribute: OwnAttributeResponse): unknown =>
    (attribute.kind === 'standard' ? user.standardAttributes : user.customAttributes)?.[
      attribute.name
    ];
  // Read-only attributes without a value say nothing: left out.
  const attributes = [
    ...schema.standard.filter((attribute) => !SHOWN_ELSEWHERE.has(attribute.name)),
    ...schema.custom,
  ].filter((attribute) => attribute.access === 'editable' || stored(attribute) != null);
  if (attributes.length === 0) return null;
  const key = (attribute: OwnAttributeResponse) => `${attribute.kind}:${attribute.name}`;
  const current = (attribute: OwnAttributeResponse): string =>
    values[key(attribute)] ?? (stored(attribute) == null ? '' : String(stored(attribute)));
  const editable = attributes.filter((attribute) => attribute.access === 'editable');

  return (
    <Section title="More about you">
      <Form
        submitLabel="Save"
        label="More about you"
        onSubmit={async () => {
          const standardAttributes: Record<string, unknown> = {};
          const customAttributes: Record<string, unknown> = {};
          for (const attribute of editable) {
            if (!(key(attribute) in values)) continue;
            const target = attribute.kind === 'standard' ? standardAttributes : customAttributes;
            target[attribute.name] = parseValue(attribute, values[key(attribute)]);
          }
          await user.update({
            ...(Object.keys(standardAttributes).length ? { standardAttributes } : {}),
            ...(Object.keys(customAttributes).length ? { customAttributes } : {}),
          } as Parameters<User['update']>[0]);
          setValues({});
          return 'Saved.';
        }}
      >
        {attributes.map((attribute) => (
          <AttributeInput
            key={key(attribute)}
            attribute={attribute}
            label={labelOf(attribute)}
            value={current(attribute)}
            onValue={(value) => setValues({ ...values, [key(attribute)]: value })}
          />
        ))}
      </Form>
    </Section>
  );
}

/** '' clears the value (null); numbers are sent as numbers. */
function parseValue(attribute: OwnAttributeResponse, raw: string): unknown {
  const value = raw.trim();
  if (value === '') return null;
  if (attribute.type === 'number' || attribute.type === 'integer') {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  return value;
}

function AttributeInput(props: {
  attribute: OwnAttributeResponse;
  label: string;
  value: string;
  onValue: (value: string) => void;
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
        <label for={id}>{props.label}</label>
        <select
          id={id}
          name={attribute.name}
          value={props.value}
          disabled={readOnly}
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
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={attribute.name}
        {...({ type } as { type: 'text' })}
        value={props.value}
        readOnly={readOnly}
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
