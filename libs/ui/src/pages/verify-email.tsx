import type { User } from '@userkit/client';
import { useState } from 'preact/hooks';
import {
  ActionButton,
  CodeField,
  Form,
  Notice,
  PageHeading,
  ResendCode,
} from '../components/index.js';
import { navigate } from '../router.js';
import { client } from '../session.js';

/** True when the app holds the user back until an email address is verified (requireVerifiedEmail). */
export function mustVerifyEmail(user: User, required: boolean): boolean {
  return required && !user.isAnonymous && !user.emailAddresses.some((email) => email.verified);
}

/**
 * The step before the account (`requireVerifiedEmail`): the code sign-up sent to the primary
 * address, a new one on request, or signing out. Everything else waits until it is verified.
 */
export function VerifyEmailStep({ user }: { user: User }) {
  const address = user.emailAddresses.find((email) => email.primary) ?? user.emailAddresses[0];
  const [code, setCode] = useState('');
  return (
    <section class="card">
      <PageHeading>Verify your email</PageHeading>
      {address ? (
        <>
          <p>
            We sent a 6-digit code to <strong>{address.email}</strong>. Enter it to finish setting
            up your account.
          </p>
          <Form
            submitLabel="Verify"
            label="Verify your email"
            onSubmit={async () => {
              await user.verifyEmailAddress(address.id, { code: code.trim() });
            }}
          >
            <CodeField sentTo={address.email} value={code} onValue={setCode} />
          </Form>
          <ResendCode onResend={() => user.resendEmailVerification(address.id)} />
        </>
      ) : (
        <Notice kind="error">Your account has no email address to verify.</Notice>
      )}
      <p class="links">
        <ActionButton
          kind="link"
          onClick={async () => {
            await client.signOut();
            navigate('/sign-in', { replace: true });
          }}
        >
          Sign out
        </ActionButton>
      </p>
    </section>
  );
}
