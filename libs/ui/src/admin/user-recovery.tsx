import { useState } from 'preact/hooks';
import { ActionButton, ConfirmButton, Field, Form, Notice } from '../components/index.js';
import { adminApi, type AdminUserResponse } from './api.js';

/**
 * Getting a locked-out user back in: a reset link to their primary address, a password set for
 * them (every session ends), their two-factor sign-in turned off, an address vouched for.
 */
export function UserRecovery(props: {
  user: AdminUserResponse;
  onSaved: (user: AdminUserResponse) => void;
}) {
  const { user } = props;
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const unverified = user.emailAddresses.filter((address) => !address.verified);
  return (
    <section class="panel" aria-labelledby="user-recovery">
      <h2 id="user-recovery">Recovery</h2>
      <div class="actions">
        {user.primaryEmail && (
          <ActionButton
            onClick={async () => {
              setStatus(null);
              await adminApi.sendPasswordReset(user.id);
              setStatus(`A password reset link was sent to ${user.primaryEmail}.`);
            }}
          >
            Send password reset link
          </ActionButton>
        )}
        {user.twoFactorEnabled && (
          <ConfirmButton
            confirmLabel="Yes, turn two-factor off"
            onConfirm={async () => {
              setStatus(null);
              await adminApi.resetTwoFactor(user.id);
              props.onSaved(await adminApi.getUser(user.id));
              setStatus('Two-factor sign-in is off; the user may set it up again.');
            }}
          >
            Reset two-factor
          </ConfirmButton>
        )}
        {unverified.map((address) => (
          <ActionButton
            key={address.id}
            onClick={async () => {
              setStatus(null);
              props.onSaved(await adminApi.verifyEmail(user.id, address.id));
              setStatus(`${address.email} is verified.`);
            }}
          >
            Mark {address.email} verified
          </ActionButton>
        ))}
      </div>
      {status && <Notice>{status}</Notice>}
      <Form
        label="Set a password"
        submitLabel="Set password"
        onSubmit={async () => {
          await adminApi.setPassword(user.id, password);
          setPassword('');
          return 'Password set; every session of the user has ended.';
        }}
      >
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          required
        />
      </Form>
    </section>
  );
}
