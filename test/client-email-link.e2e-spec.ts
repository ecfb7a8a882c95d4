// @userkit/client's sign-in by email link (UserContactsModule `emailLinkSignIn`, issue 23):
// sendEmailLink (bound to the client by a verifier, or not) and signInWithEmailLink.
import { createUserKitClient, UserKitError, type UserKitClient } from '@userkit/client';
import { CapturingMessageSender } from './support/captured-messages.js';
import { startListeningTestApp, type ListeningTestApp } from './support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

const RETURN_TO = 'http://127.0.0.1:5173/auth/done';

describe('@userkit/client: sign-in by email link', () => {
  let t: ListeningTestApp;
  const inbox = new CapturingMessageSender();
  const newClient = (): UserKitClient => createUserKitClient({ baseUrl: t.baseUrl });
  beforeAll(async () => {
    t = await startListeningTestApp({
      env: { OAUTH_REDIRECT_ALLOWLIST: 'http://127.0.0.1:5173/auth' },
      overrides: { messageSender: inbox, emailLinkSignIn: true },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Opens the newest link to this address (a browser without this client's cookies). */
  async function openLink(email: string, before: number): Promise<URL> {
    const deadline = Date.now() + 5000;
    const links = () => inbox.signInLinks.filter((link) => link.email === email);
    while (links().length <= before) {
      if (Date.now() > deadline) throw new Error(`no sign-in link to ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const link = new URL(links()[links().length - 1].link);
    const response = await fetch(`${t.baseUrl}${link.pathname}${link.search}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!);
  }

  it('a bound link signs this client in by its verifier; an unbound code without the browser’s cookie is refused', async () => {
    const email = uniqueEmail('maillink');
    const user = await newClient().signUp({ email, password: GOOD_PASSWORD });
    await user.verifyEmailAddress(user.emailAddresses[0].id, { code: inbox.lastCode(email) });

    const device = newClient();
    await device.sendEmailLink({ email, redirectUrl: RETURN_TO, bind: true });
    const back = await openLink(email, 0);
    expect(`${back.origin}${back.pathname}`).toBe(RETURN_TO);
    const signedIn = await device.signInWithEmailLink(back.searchParams.get('code')!);
    expect(signedIn.twoFactorRequired).toBe(false);
    expect(device.user?.id).toBe(user.id);

    // Unbound: only the browser that opened the link (its cookie) could redeem the code.
    const other = newClient();
    await other.sendEmailLink({ email, redirectUrl: RETURN_TO });
    const unbound = await openLink(email, 1);
    const refused = await other.signInWithEmailLink(unbound.searchParams.get('code')!).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(UserKitError);
    expect((refused as UserKitError).code).toBe('OAUTH_CODE_INVALID');

    // Off the allow-list: a 400 UserKitError, nothing sent.
    const offList = await newClient()
      .sendEmailLink({ email, redirectUrl: 'http://evil.example/auth' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect((offList as UserKitError).code).toBe('REDIRECT_NOT_ALLOWED');
  });
});
