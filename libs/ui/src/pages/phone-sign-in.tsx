import { useState } from 'preact/hooks';
import { CodeField, Field, Form, Notice, PageHeading, ResendCode } from '../components/index.js';
import { Link, type RouteProps } from '../router.js';
import { client } from '../session.js';
import { goAfterSignIn } from './after-sign-in.js';
import { SecondStep } from './sign-in.js';

/** Sign-in by a code sent by SMS to a verified number: the number, then the code (then 2FA). */
export function PhoneSignInPage({ query }: RouteProps) {
  const [phoneNumber, setPhoneNumber] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [secondStep, setSecondStep] = useState(false);

  if (secondStep) return <SecondStep query={query} />;
  return (
    <section class="card">
      <PageHeading>Sign in with a code by SMS</PageHeading>
      {sentTo === null ? (
        <Form
          submitLabel="Send code"
          label="Send a sign-in code"
          onSubmit={async () => {
            await client.sendPhoneCode({ phoneNumber: phoneNumber.trim() });
            setSentTo(phoneNumber.trim());
          }}
        >
          <Field
            label="Phone number"
            name="phoneNumber"
            type="tel"
            value={phoneNumber}
            onValue={setPhoneNumber}
            autoComplete="tel"
            hint="A number you verified on your account, in international format, e.g. +44 20 7946 0958"
            required
          />
        </Form>
      ) : (
        <>
          <Notice>
            If {sentTo} is a verified number of an account, a 6-digit code is on its way to it.
          </Notice>
          <Form
            submitLabel="Sign in"
            label="Sign in with the code"
            onSubmit={async () => {
              const result = await client.signInWithPhoneCode({
                phoneNumber: sentTo,
                code: code.trim(),
              });
              if (result.twoFactorRequired) setSecondStep(true);
              else goAfterSignIn(query);
            }}
          >
            <CodeField sentTo={sentTo} value={code} onValue={setCode} />
          </Form>
          <ResendCode onResend={() => client.sendPhoneCode({ phoneNumber: sentTo })} />
        </>
      )}
      <p class="links">
        <Link href="/sign-in">Sign in with a password</Link>
      </p>
    </section>
  );
}
