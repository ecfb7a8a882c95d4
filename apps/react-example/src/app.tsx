import { useState, type FormEvent, type ReactNode } from 'react';
import { UserKitError } from '@userkit/client';
import {
  Protect,
  SignedIn,
  SignedOut,
  useAuth,
  useSessionList,
  useSignIn,
  useSignUp,
  useUser,
} from '@userkit/react';

export function App(): ReactNode {
  const { isLoaded } = useUser();
  return (
    <>
      <Header />
      <main aria-busy={!isLoaded}>
        <SignedOut>
          {isLoaded && (
            <>
              <SignUpForm />
              <SignInForm />
            </>
          )}
        </SignedOut>
        <SignedIn>
          <ProfileForm />
          <Sessions />
          <TokenCheck />
          <Protect role="admin" fallback={<p>Only administrators see the admin note.</p>}>
            <p>You are an administrator.</p>
          </Protect>
        </SignedIn>
      </main>
    </>
  );
}

function Header(): ReactNode {
  const { user } = useUser();
  const { signOut } = useAuth();
  return (
    <header>
      <strong>React example</strong>
      <SignedIn>
        <span>
          Signed in as{' '}
          <span data-testid="header-name">{user?.displayName ?? user?.primaryEmail}</span>{' '}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </span>
      </SignedIn>
      <SignedOut>
        <span>Signed out</span>
      </SignedOut>
    </header>
  );
}

/** The API's message for a failed call, for an alert. */
function messageOf(error: unknown): string {
  return error instanceof UserKitError ? error.message : 'Something went wrong';
}

function useSubmit(action: (data: FormData) => Promise<unknown>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action(new FormData(event.currentTarget));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, onSubmit };
}

function Alert({ error }: { error: string | null }): ReactNode {
  return (
    <p role="alert" aria-live="assertive">
      {error}
    </p>
  );
}

function SignUpForm(): ReactNode {
  const { signUp } = useSignUp();
  const form = useSubmit((data) =>
    signUp({
      displayName: String(data.get('displayName')),
      email: String(data.get('email')),
      password: String(data.get('password')),
    }),
  );
  return (
    <section aria-labelledby="sign-up-heading">
      <h2 id="sign-up-heading">Create an account</h2>
      <form onSubmit={form.onSubmit}>
        <label>
          Name
          <input name="displayName" autoComplete="name" required />
        </label>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="new-password" required />
        </label>
        <Alert error={form.error} />
        <button disabled={form.busy}>Sign up</button>
      </form>
    </section>
  );
}

function SignInForm(): ReactNode {
  const { signIn } = useSignIn();
  const form = useSubmit(async (data) => {
    const result = await signIn({
      email: String(data.get('email')),
      password: String(data.get('password')),
    });
    if (result.twoFactorRequired)
      throw new UserKitError(
        400,
        'TWO_FACTOR_REQUIRED',
        'This account has two-step verification: sign in at /account',
      );
  });
  return (
    <section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in</h2>
      <form onSubmit={form.onSubmit}>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <Alert error={form.error} />
        <button disabled={form.busy}>Sign in</button>
      </form>
    </section>
  );
}

function ProfileForm(): ReactNode {
  const { user } = useUser();
  const [saved, setSaved] = useState(false);
  const form = useSubmit(async (data) => {
    setSaved(false);
    await user?.update({ displayName: String(data.get('displayName')) });
    setSaved(true);
  });
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your profile</h2>
      <form onSubmit={form.onSubmit}>
        <label>
          Display name
          <input name="displayName" defaultValue={user?.displayName ?? ''} required />
        </label>
        <Alert error={form.error} />
        <p aria-live="polite">{saved ? 'Saved.' : ''}</p>
        <button disabled={form.busy}>Save</button>
      </form>
    </section>
  );
}

function Sessions(): ReactNode {
  const { isLoaded, sessions } = useSessionList();
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      {isLoaded ? (
        <ul>
          {sessions.map((session) => (
            <li key={session.id}>
              {session.latestActivity?.browserName ?? 'Unknown browser'}, last active{' '}
              {format.format(new Date(session.lastActiveAt))}
              {session.current ? ' (this one)' : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>Loading…</p>
      )}
    </section>
  );
}

/** getToken() for the host's own API: here the API's GET /me, with the bearer token. */
function TokenCheck(): ReactNode {
  const { getToken } = useAuth();
  const [answer, setAnswer] = useState<string | null>(null);
  const check = async () => {
    const token = await getToken();
    const response = await fetch('/me', { headers: { Authorization: `Bearer ${token}` } });
    setAnswer(`GET /me with the token: ${response.status}`);
  };
  return (
    <section aria-labelledby="token-heading">
      <h2 id="token-heading">Your API</h2>
      <button type="button" onClick={() => void check()}>
        Call the API with getToken()
      </button>
      <p aria-live="polite">{answer}</p>
    </section>
  );
}
