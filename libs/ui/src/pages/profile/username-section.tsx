import type { User } from '@userkit/client';
import { useState } from 'preact/hooks';
import { Field, Form } from '../../components/index.js';
import type { IdentifierSetting } from '../../config.js';
import { Section } from './section.js';

/** The username (where the app has usernames): set, change, or clear when it is optional. */
export function UsernameSection({ user, setting }: { user: User; setting: IdentifierSetting }) {
  const [username, setUsername] = useState(user.username ?? '');
  return (
    <Section title="Username">
      <Form
        submitLabel="Save username"
        label="Change your username"
        onSubmit={async () => {
          await user.update({ username: username.trim() || null });
          setUsername(user.username ?? '');
          return 'Saved.';
        }}
      >
        <Field
          label="Username"
          name="username"
          value={username}
          onValue={setUsername}
          autoComplete="username"
          hint="3 to 64 letters, digits, “_”, “.” or “-”; you can sign in with it."
          required={setting === 'required'}
        />
      </Form>
    </Section>
  );
}
