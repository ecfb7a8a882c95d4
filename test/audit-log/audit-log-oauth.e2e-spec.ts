import { ADMIN_ENV, signInAdmin } from '../support/admin.js';
import { Browser } from '../support/browser.js';
import {
  googlePerson,
  RETURN_TO,
  FRONT_END,
  startOAuthApp,
  type Running,
} from '../support/oauth-app.js';
import { LocalOAuthServer } from '../support/oauth-server.js';
import { bearer, signUp } from '../support/users.js';

interface Entry {
  type: string;
  userId: string | null;
  actorId: string | null;
  sessionId: string | null;
  details: Record<string, unknown>;
}

describe('the audit log of provider accounts: linked, unlinked, signed in with', () => {
  let provider: LocalOAuthServer;
  let app: Running;
  let admin: { accessToken: string };

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    app = await startOAuthApp(provider, {}, ADMIN_ENV);
    admin = await signInAdmin(app.t.http);
  });
  afterAll(async () => {
    await app?.t.close();
    await provider?.stop();
  });

  async function trailOf(userId: string): Promise<Entry[]> {
    const response = await app.t.http
      .get('/admin/audit-log')
      .query({ userId, limit: 100 })
      .set(bearer(admin.accessToken))
      .expect(200);
    return (response.body.data as Entry[]).reverse();
  }

  it('a link, a sign-in through it and the unlink: one record each, the user the actor', async () => {
    const account = await signUp(app.t.http);
    provider.googlePerson = googlePerson();
    const providerUserId = provider.googlePerson.sub as string;
    const started = await app.t.http
      .post('/me/external-accounts')
      .set(bearer(account.accessToken))
      .send({ provider: 'google', redirectUrl: RETURN_TO })
      .expect(201);
    const linking = new Browser();
    linking.receive(app.base, started.headers['set-cookie']);
    const linked = await linking.navigate(started.body.externalVerificationRedirectURL, FRONT_END);
    expect(linked.stoppedAt!.searchParams.get('linked')).toBe('google');

    const signingIn = new Browser();
    const { stoppedAt } = await signingIn.navigate(
      `${app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      FRONT_END,
    );
    const exchanged = await app.t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', signingIn.cookieHeader(app.base))
      .send({ code: stoppedAt!.searchParams.get('code') })
      .expect(200);
    expect(exchanged.body.user.id).toBe(account.user.id);

    const me = await app.t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    await app.t.http
      .delete(`/me/external-accounts/${me.body.externalAccounts[0].id}`)
      .set(bearer(account.accessToken))
      .expect(204);

    const trail = await trailOf(account.user.id);
    expect(trail.map((entry) => entry.type)).toEqual([
      'user.signed_up',
      'external_account.linked',
      'sign_in.succeeded',
      'external_account.unlinked',
    ]);
    for (const entry of trail) expect(entry.actorId).toBe(account.user.id);
    expect(trail[1].details).toEqual({ provider: 'google', providerUserId });
    expect(trail[2].details).toEqual({ method: 'oauth', provider: 'google', secondFactor: null });
    expect(trail[2].sessionId).toEqual(expect.any(String));
    expect(trail[3].details).toEqual({ provider: 'google', providerUserId });
  });

  it('a sign-up through a provider is recorded as a sign-up from oauth, then its sign-in', async () => {
    provider.googlePerson = googlePerson();
    const browser = new Browser();
    const { stoppedAt } = await browser.navigate(
      `${app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      FRONT_END,
    );
    const exchanged = await app.t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(app.base))
      .send({ code: stoppedAt!.searchParams.get('code') })
      .expect(200);
    const trail = await trailOf(exchanged.body.user.id);
    expect(trail.map((entry) => [entry.type, entry.details])).toEqual([
      ['user.signed_up', { source: 'oauth' }],
      ['sign_in.succeeded', { method: 'oauth', provider: 'google', secondFactor: null }],
    ]);
  });
});
