import { useState } from 'preact/hooks';
import { Field, Form, Notice, PageHeading } from '../components/index.js';
import { Link, type RouteProps } from '../router.js';
import { client } from '../session.js';

/** Where the reset link of the message lands (`?token=`). */
export function ResetPasswordPage({ query }: RouteProps) {
  const token = query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  return (
    <section class="card">
      <PageHeading>Choose a new password</PageHeading>
      {!token && (
        <Notice kind="error">
          This link has no reset token: open the link from the message again.
        </Notice>
      )}
      {done ? (
        <>
          <Notice>Your password is changed and every session was signed out.</Notice>
          <p>
            <Link href="/sign-in">Sign in with the new password</Link>
          </p>
        </>
      ) : (
        <Form
          submitLabel="Change password"
          label="Choose a new password"
          onSubmit={async () => {
            await client.resetPassword({ token, password });
            setDone(true);
          }}
        >
          <Field
            label="New password"
            name="password"
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="new-password"
            required
          />
        </Form>
      )}
    </section>
  );
}
