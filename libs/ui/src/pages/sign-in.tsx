import { passkeyAutofillAvailable, UserKitError } from '@userkit/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button, Field, Form, Notice, PageHeading, errorMessage } from '../components/index.js';
import { config } from '../config.js';
import { href, Link, navigate, type RouteProps } from '../router.js';
import { client } from '../session.js';
import { goAfterSignIn } from './after-sign-in.js';

/** The built-in providers as their owners write them; another name is shown capitalized. */
const PROVIDER_NAMES: Record<string, string> = {
  google: 'Google',
  github: 'GitHub',
  facebook: 'Facebook',
  hubspot: 'HubSpot',
  tiktok: 'TikTok',
  gitlab: 'GitLab',
  discord: 'Discord',
  twitter: 'X',
  twitch: 'Twitch',
  linkedin: 'LinkedIn',
  dropbox: 'Dropbox',
  bitbucket: 'Bitbucket',
  microsoft: 'Microsoft',
  notion: 'Notion',
  apple: 'Apple',
  oidc: 'single sign-on',
};

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1);
}

/** `{ email }` for what looks like an address, else `{ username }` (where the app has usernames). */
function identifierOf(typed: string): { email: string } | { username: string } {
  const trimmed = typed.trim();
  return config.identifiers.username !== false && !trimmed.includes('@')
    ? { username: trimmed }
    : { email: trimmed };
}

/** The `?error=` of an email link's redirect, in the user's words. */
const LINK_ERRORS: Record<string, string> = {
  link_used: 'This sign-in link was already used. Ask for a new one.',
  link_expired: 'This sign-in link has expired. Ask for a new one.',
  sign_in_refused: 'This sign-in link cannot sign you in any more.',
  sign_up_refused: 'No account could be created for this address.',
};

/**
 * A refused passkey in the user's words (the API's message speaks to developers: new options);
 * the browser's own errors (cancelled, no passkey for this site) as it words them.
 */
function passkeyErrorText(error: unknown): string {
  if (error instanceof UserKitError && error.code === 'PASSKEY_SIGN_IN_FAILED')
    return 'This passkey was not accepted. It may have been removed from your account: sign in another way, or try again.';
  return errorMessage(error);
}

/**
 * Email (or username) + password, sign-in by SMS code, a passkey, the OAuth providers, anonymous
 * sign-in, then the 2FA step when due (never after a passkey: it is two factors in one).
 */
export function SignInPage({ query }: RouteProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [secondStep, setSecondStep] = useState(false);
  const [oauthError, setOauthError] = useState<string | null>(query.get('error'));
  const [guestError, setGuestError] = useState<string | null>(null);
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const oauthCode = query.get('code');

  // Back from a provider with ?code=: trade it for a session.
  useEffect(() => {
    if (!oauthCode) return;
    client
      .exchangeOAuthCode(oauthCode)
      .then((result) => {
        if (result.twoFactorRequired) setSecondStep(true);
        else goAfterSignIn(query);
      })
      .catch((error) => {
        setOauthError(errorMessage(error));
        navigate('/sign-in', { replace: true });
      });
  }, [oauthCode]);

  // Passkey autofill (conditional UI): the browser offers the passkeys in the identifier field's
  // autofill while the page is open; the button ends this request before asking its own.
  const autofill = useRef<AbortController | null>(null);
  useEffect(() => {
    if (!config.passkeys || oauthCode) return;
    const controller = new AbortController();
    autofill.current = controller;
    void passkeyAutofillAvailable().then(async (available) => {
      if (!available || controller.signal.aborted) return;
      try {
        await client.signInWithPasskey({ autofill: true, signal: controller.signal });
        goAfterSignIn(query);
      } catch (error) {
        // Only a passkey the user picked and the server refused is news to them; the browser's
        // own ends of the request (aborted, unsupported here) are not.
        if (!controller.signal.aborted && error instanceof UserKitError && error.status > 0)
          setPasskeyError(passkeyErrorText(error));
      }
    });
    return () => controller.abort();
  }, []);

  if (secondStep) return <SecondStep query={query} />;
  const withUsername = config.identifiers.username !== false;

  const returnUrl = `${location.origin}${href('/sign-in')}`;
  return (
    <section class="card">
      <PageHeading>Sign in</PageHeading>
      {oauthError && (
        <Notice kind="error">
          {LINK_ERRORS[oauthError] ?? `Sign-in with the provider failed: ${oauthError}`}
        </Notice>
      )}
      {oauthCode && !oauthError && <p role="status">Signing you in…</p>}
      <Form
        submitLabel="Sign in"
        label={withUsername ? 'Sign in with email or username' : 'Sign in with email'}
        onSubmit={async () => {
          const result = await client.signIn({ ...identifierOf(email), password });
          if (result.twoFactorRequired) setSecondStep(true);
          else goAfterSignIn(query);
        }}
      >
        <Field
          label={withUsername ? 'Email or username' : 'Email'}
          name={withUsername ? 'identifier' : 'email'}
          type={withUsername ? 'text' : 'email'}
          value={email}
          onValue={setEmail}
          autoComplete={config.passkeys ? 'username webauthn' : 'username'}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          onValue={setPassword}
          autoComplete="current-password"
          required
        />
      </Form>
      <p class="links">
        <Link href="/forgot-password">Forgot your password?</Link>
        <Link href="/sign-up">Create an account</Link>
        {config.identifiers.phone !== false && (
          <Link href={`/sign-in/phone${location.search}`}>Sign in with a code by SMS</Link>
        )}
        {config.emailCode && (
          <Link href={`/sign-in/email-code${location.search}`}>Email me a code</Link>
        )}
        {config.emailLink && (
          <Link href={`/sign-in/email-link${location.search}`}>Email me a link</Link>
        )}
      </p>
      {(config.providers.length > 0 || config.anonymousSignUp || config.passkeys) && (
        <div class="alternatives" role="group" aria-label="Other ways to sign in">
          {config.passkeys && (
            <Button
              onClick={async () => {
                setPasskeyError(null);
                autofill.current?.abort();
                try {
                  // No address asked: the authenticator offers the passkeys it holds for this app.
                  await client.signInWithPasskey();
                  goAfterSignIn(query);
                } catch (error) {
                  setPasskeyError(passkeyErrorText(error));
                }
              }}
            >
              Sign in with a passkey
            </Button>
          )}
          {passkeyError && <Notice kind="error">{passkeyError}</Notice>}
          {config.providers.map((provider) => (
            <a class="button button-secondary" href={client.oauthUrl(provider, returnUrl)}>
              Continue with {providerName(provider)}
            </a>
          ))}
          {config.anonymousSignUp && (
            <Button
              onClick={async () => {
                try {
                  await client.signUpAnonymously();
                  goAfterSignIn(query);
                } catch (error) {
                  setGuestError(errorMessage(error));
                }
              }}
            >
              Continue as a guest
            </Button>
          )}
          {guestError && <Notice kind="error">{guestError}</Notice>}
        </div>
      )}
    </section>
  );
}

/** The second factor after a first one passed (a password, a provider or an SMS code). */
export function SecondStep({ query }: { query: URLSearchParams }) {
  const [code, setCode] = useState('');
  return (
    <section class="card">
      <PageHeading>Two-step verification</PageHeading>
      <p>Enter the 6-digit code from your authenticator app, or one of your backup codes.</p>
      <Form
        submitLabel="Verify"
        label="Two-step verification"
        onSubmit={async () => {
          await client.completeSignIn({ code: code.trim() });
          goAfterSignIn(query);
        }}
      >
        <Field
          label="Code"
          name="code"
          value={code}
          onValue={setCode}
          autoComplete="one-time-code"
          hint="Backup codes have letters too: type them as shown."
          required
        />
      </Form>
    </section>
  );
}
