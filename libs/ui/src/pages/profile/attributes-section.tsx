import type { OwnAttributeResponse, OwnAttributeSchemaResponse, User } from '@userkit/client';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, Form, Notice } from '../../components/index.js';
import { AttributeInput, attributeLabel, isRequired, parseValue } from '../attribute-input.js';
import { Section } from './section.js';

// Shown elsewhere on the page (names, picture) or not a single value (address).
const SHOWN_ELSEWHERE = new Set(['given_name', 'family_name', 'picture', 'address']);

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
            label={attributeLabel(attribute)}
            required={isRequired(attribute)}
            value={current(attribute)}
            onValue={(value) => setValues({ ...values, [key(attribute)]: value })}
          />
        ))}
      </Form>
    </Section>
  );
}
