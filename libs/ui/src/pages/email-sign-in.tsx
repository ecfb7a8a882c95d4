import { useState } from 'preact/hooks';
import { CodeField, Field, Form, Notice, PageHeading, ResendCode } from '../components/index.js';
import { href, Link, type RouteProps } from '../router.js';
import { client } from '../session.js';
import { goAfterSignIn } from './after-sign-in.js';
import { SecondStep } from './sign-in.js';

/** The address field both pages start with. */
function EmailField(props: { value: string; onValue(value: string): void }) {
  return (
    <Field
      label="Email"
      name="email"
      type="email"
      value={props.value}
      onValue={props.onValue}
      autoComplete="email"
      required
    />
  );
}

function BackToSignIn() {
  return (
    <p class="links">
      <Link href={`/sign-in${location.search}`}>Sign in with a password</Link>
    </p>
  );
}

/** "Email me a code": the address, then the 6-digit code it received (then 2FA when due). */
export function EmailCodeSignInPage({ query }: RouteProps) {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [secondStep, setSecondStep] = useState(false);

  if (secondStep) return <SecondStep query={query} />;
  return (
    <section class="card">
      <PageHeading>Sign in with a code by email</PageHeading>
      {sentTo === null ? (
        <Form
          submitLabel="Email me a code"
          label="Send a sign-in code"
          onSubmit={async () => {
            await client.sendEmailCode({ email: email.trim() });
            setSentTo(email.trim());
          }}
        >
          <EmailField value={email} onValue={setEmail} />
        </Form>
      ) : (
        <>
          <Notice>If {sentTo} can sign in here, a 6-digit code is on its way to it.</Notice>
          <Form
            submitLabel="Sign in"
            label="Sign in with the code"
            onSubmit={async () => {
              const result = await client.signInWithEmailCode({ email: sentTo, code: code.trim() });
              if (result.twoFactorRequired) setSecondStep(true);
              else goAfterSignIn(query);
            }}
          >
            <CodeField sentTo={sentTo} value={code} onValue={setCode} />
          </Form>
          <ResendCode onResend={() => client.sendEmailCode({ email: sentTo })} />
        </>
      )}
      <BackToSignIn />
    </section>
  );
}

/**
 * "Email me a link": the link returns to the sign-in page with `?code=`, which trades it for a
 * session as after a provider (the same exchange), or with `?error=`.
 */
export function EmailLinkSignInPage({ query }: RouteProps) {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const next = query.get('next');
  const returnUrl = `${location.origin}${href('/sign-in')}${next ? `?${new URLSearchParams({ next })}` : ''}`;
  const send = (to: string) => client.sendEmailLink({ email: to, redirectUrl: returnUrl });

  return (
    <section class="card">
      <PageHeading>Sign in with a link by email</PageHeading>
      {sentTo === null ? (
        <Form
          submitLabel="Email me a link"
          label="Send a sign-in link"
          onSubmit={async () => {
            await send(email.trim());
            setSentTo(email.trim());
          }}
        >
          <EmailField value={email} onValue={setEmail} />
        </Form>
      ) : (
        <>
          <Notice>
            If {sentTo} can sign in here, a sign-in link is on its way to it. Open it within 15
            minutes, in this browser.
          </Notice>
          <ResendCode onResend={() => send(sentTo)} />
        </>
      )}
      <BackToSignIn />
    </section>
  );
}
