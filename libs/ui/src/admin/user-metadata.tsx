import { UserKitError } from '@userkit/client';
import { useState } from 'preact/hooks';
import { Form } from '../components/index.js';
import { adminApi, type AdminUserResponse, type Json } from './api.js';
import { TextAreaField } from './fields.js';
import { formatJson, messagesAbout, parseJsonObject } from './json-text.js';

const KINDS = [
  {
    key: 'publicMetadata',
    label: 'Public metadata',
    hint: 'The user and apps read it; only admins write it.',
  },
  {
    key: 'privateMetadata',
    label: 'Private metadata',
    hint: 'Only admins (and the server) ever see it.',
  },
  {
    key: 'unsafeMetadata',
    label: 'Unsafe metadata',
    hint: 'The user writes it too: never trust it for access decisions.',
  },
] as const;
type Kind = (typeof KINDS)[number]['key'];
type Texts = Record<Kind, string>;
type Errors = Partial<Record<Kind, string>>;

function textsOf(user: AdminUserResponse): Texts {
  return {
    publicMetadata: formatJson(user.publicMetadata),
    privateMetadata: formatJson(user.privateMetadata),
    unsafeMetadata: formatJson(user.unsafeMetadata),
  };
}

/** The three metadata objects as JSON text; each is replaced whole on save (PATCH the user). */
export function UserMetadata(props: {
  user: AdminUserResponse;
  onSaved: (user: AdminUserResponse) => void;
}) {
  const [texts, setTexts] = useState<Texts>(() => textsOf(props.user));
  const [errors, setErrors] = useState<Errors>({});
  return (
    <section class="panel" aria-labelledby="user-metadata">
      <h2 id="user-metadata">Metadata</h2>
      <Form
        label="Metadata"
        submitLabel="Save metadata"
        onSubmit={async () => {
          const found: Errors = {};
          const body: Record<string, Json> = {};
          for (const { key } of KINDS) {
            const parsed = parseJsonObject(texts[key]);
            if (parsed.ok) body[key] = parsed.value;
            else found[key] = parsed.error;
          }
          setErrors(found);
          if (Object.keys(found).length > 0)
            throw new Error('Fix the JSON of the fields marked above; nothing was saved.');
          try {
            const saved = await adminApi.updateUser(props.user.id, body);
            props.onSaved(saved);
            setTexts(textsOf(saved));
            return 'Metadata saved.';
          } catch (failure) {
            if (failure instanceof UserKitError && failure.status === 400) {
              const fromServer: Errors = {};
              for (const { key } of KINDS) {
                const about = messagesAbout(failure.messages, key);
                if (about.length) fromServer[key] = about.join('; ');
              }
              setErrors(fromServer);
            }
            throw failure;
          }
        }}
      >
        {KINDS.map((kind) => (
          <TextAreaField
            key={kind.key}
            label={kind.label}
            name={kind.key}
            hint={kind.hint}
            value={texts[kind.key]}
            error={errors[kind.key]}
            onValue={(value) => setTexts({ ...texts, [kind.key]: value })}
          />
        ))}
      </Form>
    </section>
  );
}
