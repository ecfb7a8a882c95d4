import { EventEmitter2 } from '@nestjs/event-emitter';
import { Browser } from './support/browser.js';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { sql } from './support/database-access.js';
import {
  FRONT_END,
  RETURN_TO,
  gitHubPerson,
  googlePerson,
  startLinkIn,
  useOAuthApp,
  type Running,
} from './support/oauth-app.js';
import type { LocalOAuthServer } from './support/oauth-server.js';
import { bearer, signUp, uniqueEmail } from './support/users.js';

/**
 * `POST /me/external-accounts` (the SDK's createExternalAccount) stores the external account it
 * starts: `unverified` with its redirect URL, `failed` (or `expired`) with `error { code, message }`
 * when the round trip does not complete, and the same account `verified` when it does.
 */
describe('pending external accounts', () => {
  const fixture = useOAuthApp({}, () => ADMIN_ENV);
  let provider: LocalOAuthServer;
  let app: Running;
  beforeAll(() => {
    ({ provider, app } = fixture);
  });

  const startLink = (accessToken: string, name: string) =>
    startLinkIn(app, accessToken, name) as Promise<{ account: any; url: string; browser: Browser }>;

  async function finish(started: { url: string; browser: Browser }) {
    const { stoppedAt } = await started.browser.navigate(started.url, FRONT_END);
    return stoppedAt!;
  }

  async function externalAccounts(accessToken: string) {
    return (await app.t.http.get('/me').set(bearer(accessToken)).expect(200)).body
      .externalAccounts as any[];
  }

  it('stores the account unverified, returns it with its id and URL; success verifies the same account', async () => {
    const user = await signUp(app.t.http);
    const heard: unknown[] = [];
    const hear = (event: unknown) => heard.push(event);
    app.t.app.get(EventEmitter2).on('user.updated', hear);
    const started = await startLink(user.accessToken, 'github');
    app.t.app.get(EventEmitter2).off('user.updated', hear);
    expect(started.account).toEqual({
      id: expect.any(String),
      provider: 'github',
      providerUserId: null,
      email: null,
      displayName: null,
      picture: null,
      verification: {
        status: 'unverified',
        error: null,
        expireAt: expect.any(String),
        externalVerificationRedirectURL: expect.stringMatching(/\/oauth\/github\?intent=/),
      },
      externalVerificationRedirectURL: started.account.verification.externalVerificationRedirectURL,
    });
    const expireAt = Date.parse(started.account.verification.expireAt);
    expect(expireAt - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(expireAt - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(heard).toEqual([
      { userId: user.user.id, changes: ['externalAccounts'], context: expect.any(Object) },
    ]);
    // On /me it is pending, and the URL is not repeated there.
    const stored = { ...started.account };
    delete stored.externalVerificationRedirectURL;
    expect(await externalAccounts(user.accessToken)).toEqual([
      {
        ...stored,
        verification: { ...stored.verification, externalVerificationRedirectURL: null },
      },
    ]);

    provider.githubPerson = gitHubPerson([
      { email: uniqueEmail('pending'), primary: true, verified: true },
    ]);
    const back = await finish(started);
    expect(back.searchParams.get('linked')).toBe('github');
    expect(await externalAccounts(user.accessToken)).toEqual([
      expect.objectContaining({
        id: started.account.id,
        providerUserId: String(provider.githubPerson.user.id),
        verification: {
          status: 'verified',
          error: null,
          expireAt: null,
          externalVerificationRedirectURL: null,
        },
      }),
    ]);
  });

  it('a refusal at the provider keeps the account failed with its error; a later success turns the same account verified', async () => {
    const user = await signUp(app.t.http);
    const first = await startLink(user.accessToken, 'google');
    provider.service.once('beforeAuthorizeRedirect', ({ url }: { url: URL }) => {
      url.searchParams.delete('code');
      url.searchParams.set('error', 'access_denied');
    });
    expect((await finish(first)).searchParams.get('error')).toBe('access_denied');
    expect(await externalAccounts(user.accessToken)).toEqual([
      expect.objectContaining({
        id: first.account.id,
        providerUserId: null,
        verification: expect.objectContaining({
          status: 'failed',
          error: { code: 'access_denied', message: 'The sign-in at the provider was cancelled.' },
        }),
      }),
    ]);

    // Trying again reuses the account: unverified again, no error.
    const retry = await startLink(user.accessToken, 'google');
    expect(retry.account.id).toBe(first.account.id);
    expect(retry.account.verification).toMatchObject({ status: 'unverified', error: null });
    provider.googlePerson = googlePerson();
    expect((await finish(retry)).searchParams.get('linked')).toBe('google');
    const [account] = await externalAccounts(user.accessToken);
    expect(account).toMatchObject({
      id: first.account.id,
      providerUserId: provider.googlePerson.sub,
      email: provider.googlePerson.email,
      verification: { status: 'verified', error: null },
    });
  });

  it('the provider down: failed with provider_unavailable', async () => {
    const user = await signUp(app.t.http);
    const started = await startLink(user.accessToken, 'google');
    provider.failNext('/token', 'status500');
    expect((await finish(started)).searchParams.get('error')).toBe('provider_unavailable');
    const [account] = await externalAccounts(user.accessToken);
    expect(account.verification).toMatchObject({
      status: 'failed',
      error: { code: 'provider_unavailable', message: expect.any(String) },
    });
  });

  it('a round trip never finished reads expired after its expiry, with an error', async () => {
    const user = await signUp(app.t.http);
    const started = await startLink(user.accessToken, 'github');
    await sql(
      app.t.app,
      'update userkit_external_accounts set verification_expires_at = ? where id = ?',
      [new Date(Date.now() - 1000), started.account.id],
    );
    const [account] = await externalAccounts(user.accessToken);
    expect(account.verification).toMatchObject({
      status: 'expired',
      error: { code: 'verification_expired', message: expect.any(String) },
    });
  });

  it('a callback with someone else’s state changes nothing of the pending account', async () => {
    const user = await signUp(app.t.http);
    const started = await startLink(user.accessToken, 'google');
    const atStart = await started.browser.get(started.url);
    const atProvider = await started.browser.get(atStart.location!);
    // The callback URL opened in another browser (no binding cookie): invalid_state, untouched.
    const stranger = await new Browser().get(atProvider.location!);
    expect(new URL(stranger.location!).searchParams.get('error')).toBe('invalid_state');
    const [account] = await externalAccounts(user.accessToken);
    expect(account.verification).toMatchObject({ status: 'unverified', error: null });
  });

  it('a pending or failed account is no way in: not counted by the last-sign-in rule, removable', async () => {
    provider.googlePerson = googlePerson();
    const browser = new Browser();
    const { stoppedAt } = await browser.navigate(
      `${app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      FRONT_END,
    );
    const tokens = await app.t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(app.base))
      .send({ code: stoppedAt!.searchParams.get('code') })
      .expect(200);
    const accessToken = tokens.body.accessToken as string;
    const googleId = tokens.body.user.externalAccounts[0].id as string;
    const pending = await startLink(accessToken, 'github');
    // Google is still the only way in: the pending GitHub account does not count.
    const last = await app.t.http
      .delete(`/me/external-accounts/${googleId}`)
      .set(bearer(accessToken));
    expect(last.status).toBe(400);
    expect(last.body).toMatchObject({ code: 'LAST_SIGN_IN_METHOD' });
    const unlinked: unknown[] = [];
    const hear = (event: unknown) => unlinked.push(event);
    app.t.app.get(EventEmitter2).on('externalAccount.unlinked', hear);
    await app.t.http
      .delete(`/me/external-accounts/${pending.account.id}`)
      .set(bearer(accessToken))
      .expect(204);
    app.t.app.get(EventEmitter2).off('externalAccount.unlinked', hear);
    expect(unlinked).toEqual([]);
    expect((await externalAccounts(accessToken)).map((account) => account.id)).toEqual([googleId]);
  });

  it('the admin view shows the pending account too', async () => {
    const user = await signUp(app.t.http);
    const started = await startLink(user.accessToken, 'github');
    const admin = await signInAdmin(app.t.http);
    const view = await app.t.http
      .get(`/admin/users/${user.user.id}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(view.body.externalAccounts).toEqual([
      expect.objectContaining({
        id: started.account.id,
        providerUserId: null,
        verification: expect.objectContaining({ status: 'unverified' }),
      }),
    ]);
  });
});
