// @userkit/client: createExternalAccount gives the stored, pending external account (issue 21,
// item 3); verifiedExternalAccounts / unverifiedExternalAccounts follow its state; the user's
// hasVerifiedEmailAddress and hasVerifiedPhoneNumber. Real HTTP (fetch) on a listening app.
import { createUserKitClient, type UserKitClient } from '@userkit/client';
import { Browser, freePort } from './support/browser.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import { startListeningTestApp, type ListeningTestApp } from './support/client-app.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

/** The front-end the OAuth flows return to: nothing listens there, the browser stops at it. */
const FRONT_END = 'http://127.0.0.1:9';
const APP_REDIRECT = `${FRONT_END}/settings`;

describe('@userkit/client: external accounts and verified identifiers', () => {
  let t: ListeningTestApp;
  let oauth: LocalOAuthServer;
  const inbox = new CapturingMessageSender();

  beforeAll(async () => {
    oauth = await LocalOAuthServer.start();
    const port = await freePort();
    t = await startListeningTestApp({
      port,
      env: {
        ...oauth.env(),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        OAUTH_REDIRECT_ALLOWLIST: FRONT_END,
      },
      overrides: { messageSender: inbox },
    });
  });
  afterAll(async () => {
    await t?.close();
    await oauth?.stop();
  });

  /** A client whose page keeps the binding cookie the create call sets (a same-site front-end). */
  function linkingClient(): { client: UserKitClient; browser: Browser } {
    const browser = new Browser();
    const client = createUserKitClient({
      baseUrl: t.baseUrl,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method === 'POST' && String(input).endsWith('/me/external-accounts'))
          browser.receive(t.baseUrl, response.headers.getSetCookie());
        return response;
      },
    });
    return { client, browser };
  }

  it('createExternalAccount returns the stored account; the getters follow it to failed, then verified', async () => {
    const { client, browser } = linkingClient();
    const user = await client.signUp({ email: uniqueEmail('sdk-link'), password: GOOD_PASSWORD });
    expect(user.unverifiedExternalAccounts).toEqual([]);

    const started = await user.createExternalAccount({
      strategy: 'oauth_google',
      redirect_url: APP_REDIRECT,
    });
    expect(started).toMatchObject({
      id: expect.any(String),
      provider: 'google',
      providerUserId: null,
      verification: {
        status: 'unverified',
        error: null,
        externalVerificationRedirectURL: expect.stringContaining('/oauth/google?intent='),
      },
    });
    // The user object knows it at once.
    expect(user.unverifiedExternalAccounts).toEqual([
      expect.objectContaining({
        id: started.id,
        verification: expect.objectContaining({ status: 'unverified' }),
      }),
    ]);
    expect(user.verifiedExternalAccounts).toEqual([]);

    // The user cancels at Google: the account stays, failed, with the reason.
    oauth.service.once('beforeAuthorizeRedirect', ({ url }: { url: URL }) => {
      url.searchParams.delete('code');
      url.searchParams.set('error', 'access_denied');
    });
    const denied = await browser.navigate(
      started.verification.externalVerificationRedirectURL,
      FRONT_END,
    );
    expect(denied.stoppedAt!.searchParams.get('error')).toBe('access_denied');
    await user.reload();
    expect(user.unverifiedExternalAccounts).toEqual([
      expect.objectContaining({
        id: started.id,
        verification: expect.objectContaining({
          status: 'failed',
          error: { code: 'access_denied', message: expect.any(String) },
        }),
      }),
    ]);

    // Again, and this time it completes: the same account, verified.
    oauth.googlePerson = {
      sub: `g-sdk-${started.id}`,
      email: uniqueEmail('g-sdk'),
      email_verified: true,
      name: 'Sdk User',
    };
    const again = await user.createExternalAccount({
      strategy: 'google',
      redirectUrl: APP_REDIRECT,
    });
    expect(again.id).toBe(started.id);
    expect(again.externalVerificationRedirectURL).toBe(
      again.verification.externalVerificationRedirectURL,
    );
    const linked = await browser.navigate(
      again.verification.externalVerificationRedirectURL,
      FRONT_END,
    );
    expect(linked.stoppedAt!.searchParams.get('linked')).toBe('google');
    await user.reload();
    expect(user.unverifiedExternalAccounts).toEqual([]);
    expect(user.verifiedExternalAccounts).toEqual([
      expect.objectContaining({
        id: started.id,
        providerUserId: `g-sdk-${started.id}`,
        verification: expect.objectContaining({ status: 'verified', error: null }),
      }),
    ]);
  });

  it('hasVerifiedEmailAddress and hasVerifiedPhoneNumber', async () => {
    const client = createUserKitClient({ baseUrl: t.baseUrl });
    const email = uniqueEmail('sdk-verified');
    const user = await client.signUp({ email, password: GOOD_PASSWORD });
    expect(user.hasVerifiedEmailAddress).toBe(false);
    expect(user.hasVerifiedPhoneNumber).toBe(false);

    const second = uniqueEmail('sdk-verified-2');
    const added = await user.createEmailAddress({ email: second });
    await user.verifyEmailAddress(added.id, { code: inbox.lastCode(second) });
    expect(user.hasVerifiedEmailAddress).toBe(true);

    const phone = await user.createPhoneNumber({ phoneNumber: '+14155550199' });
    expect(user.hasVerifiedPhoneNumber).toBe(false);
    await user.verifyPhoneNumber(phone.id, { code: inbox.lastCode('+14155550199') });
    expect(user.hasVerifiedPhoneNumber).toBe(true);
    await user.deletePhoneNumber(phone.id);
    expect(user.hasVerifiedPhoneNumber).toBe(false);
  });
});
