import type { User } from '@userkit/client';
import { useState } from 'preact/hooks';
import { Form, NewCredentialsFields } from '../../components/index.js';
import { Section } from './section.js';

/** A guest (anonymous) account keeps its data and becomes a real one with an email and password. */
export function UpgradeSection({ user }: { user: User }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <Section title="Keep this account">
      <p>You are signed in as a guest. Add an email and a password to keep your account.</p>
      <Form
        submitLabel="Save account"
        label="Keep this account"
        onSubmit={async () => {
          await user.upgrade({ email: email.trim(), password });
          return 'Your account is saved.';
        }}
      >
        <NewCredentialsFields
          email={email}
          password={password}
          onEmail={setEmail}
          onPassword={setPassword}
        />
      </Form>
    </Section>
  );
}
