import type { User } from '@userkit/client';
import { useState } from 'preact/hooks';
import { Field, Form } from '../../components/index.js';
import { Section } from './section.js';

export function PasswordSection({ user }: { user: User }) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  return (
    <Section title="Password">
      <Form
        submitLabel="Change password"
        label="Change password"
        onSubmit={async () => {
          await user.updatePassword({ currentPassword, newPassword });
          setCurrent('');
          setNew('');
          return 'Password changed. Your other devices were signed out.';
        }}
      >
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          value={currentPassword}
          onValue={setCurrent}
          autoComplete="current-password"
          required
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          value={newPassword}
          onValue={setNew}
          autoComplete="new-password"
          required
        />
      </Form>
    </Section>
  );
}
