import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { Browser, freePort } from './support/browser.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, uniqueEmail } from './support/users.js';

/** The front-end the OAuth flow returns to: nothing listens there, the browser stops at it. */
const FRONT_END = 'http://127.0.0.1:5173';
const RETURN_TO = `${FRONT_END}/auth/done`;
const NEW_PASSWORD = 'saffron-lantern-cobalt-57';

/**
 * No answer may carry the hash: neither under a key nor as a value (an argon2id PHC string, or any
 * string the database holds as the user's hash).
 */
function expectNoHash(response: { text: string }): void {
  expect(response.text).not.toMatch(/passwordHash|password_hash|\$argon2/);
}

describe('passwordEnabled on the User views', () => {
  let provider: LocalOAuthServer;
  let t: TestApp;
  let base: string;
  const inbox = new CapturingMessageSender();

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    // A real port: the OAuth callback and the reset link are built on the public URL.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({
      env: {
        ...ADMIN_ENV,
        PUBLIC_URL: base,
        OAUTH_REDIRECT_ALLOWLIST: `${FRONT_END}/auth`,
        ...provider.env(),
      },
      overrides: { messageSender: inbox, oauthTimeoutSeconds: 2 },
    });
    await t.app.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  /** A user made by a Google sign-in (no password), and the exchange's answer. */
  async function signInWithGoogle(email: string) {
    provider.googlePerson = {
      sub: `g-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      name: 'Grace Hopper',
      email,
      email_verified: true,
    };
    const browser = new Browser();
    const { stoppedAt, last } = await browser.navigate(
      `${base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      FRONT_END,
    );
    if (!stoppedAt) throw new Error(`flow did not come back: ${last.status} ${last.body}`);
    const code = stoppedAt.searchParams.get('code');
    if (!code) throw new Error(`no code: ${stoppedAt.href}`);
    return t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(base))
      .send({ code })
      .expect(200);
  }

  it('is true for a password sign-up: sign-up, GET /me, PATCH /me, sign-in and refresh answers', async () => {
    const email = uniqueEmail('pwd');
    const signedUp = await t.http
      .post('/auth/signup')
      .send({ email, password: GOOD_PASSWORD })
      .expect(201);
    expect(signedUp.body.user.passwordEnabled).toBe(true);
    expectNoHash(signedUp);

    const me = await t.http.get('/me').set(bearer(signedUp.body.accessToken)).expect(200);
    expect(me.body.passwordEnabled).toBe(true);
    expectNoHash(me);
    const patched = await t.http
      .patch('/me')
      .set(bearer(signedUp.body.accessToken))
      .send({ displayName: 'Ada' })
      .expect(200);
    expect(patched.body).toMatchObject({ displayName: 'Ada', passwordEnabled: true });
    expectNoHash(patched);

    const signedIn = await t.http
      .post('/auth/login')
      .send({ email, password: GOOD_PASSWORD })
      .expect(200);
    expect(signedIn.body.user.passwordEnabled).toBe(true);
    expectNoHash(signedIn);

    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: signedIn.body.refreshToken })
      .expect(200);
    expect(refreshed.body.user.passwordEnabled).toBe(true);
    expectNoHash(refreshed);
  });

  it('is false for an anonymous user, and true once POST /me/upgrade set a password', async () => {
    const guest = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
    expect(guest.body.user).toMatchObject({ isAnonymous: true, passwordEnabled: false });
    const me = await t.http.get('/me').set(bearer(guest.body.accessToken)).expect(200);
    expect(me.body.passwordEnabled).toBe(false);

    const upgraded = await t.http
      .post('/me/upgrade')
      .set(bearer(guest.body.accessToken))
      .send({ email: uniqueEmail('guest'), password: GOOD_PASSWORD })
      .expect(200);
    expect(upgraded.body).toMatchObject({ isAnonymous: false, passwordEnabled: true });
    expectNoHash(upgraded);
    const after = await t.http.get('/me').set(bearer(upgraded.body.tokens.accessToken)).expect(200);
    expect(after.body.passwordEnabled).toBe(true);
  });

  it('is false for an OAuth-only user until a password reset sets one', async () => {
    const email = uniqueEmail('oauth-only');
    const exchanged = await signInWithGoogle(email);
    expect(exchanged.body.user).toMatchObject({ primaryEmail: email, passwordEnabled: false });
    expectNoHash(exchanged);
    const me = await t.http.get('/me').set(bearer(exchanged.body.accessToken)).expect(200);
    expect(me.body.passwordEnabled).toBe(false);
    expect(me.body.externalAccounts).toHaveLength(1);

    // Changing a password needs the current one: this account has none, so the server sends it
    // to the recovery flow instead (what the profile page offers).
    const change = await t.http
      .post('/me/password')
      .set(bearer(exchanged.body.accessToken))
      .send({ currentPassword: 'anything-at-all-1', newPassword: NEW_PASSWORD })
      .expect(400);
    expect(change.body.message).toContain('POST /auth/password/forgot');

    await t.http.post('/auth/password/forgot').send({ email }).expect(202);
    const link = (await inbox.waitForResetLink(email)).link;
    const token = new URL(link).searchParams.get('token');
    expect(token).toBeTruthy();
    await t.http.post('/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(204);

    // The reset ended every session; signing in with the new password shows it set.
    const signedIn = await t.http
      .post('/auth/login')
      .send({ email, password: NEW_PASSWORD })
      .expect(200);
    expect(signedIn.body.user).toMatchObject({ id: me.body.id, passwordEnabled: true });
    const after = await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    expect(after.body.passwordEnabled).toBe(true);
    expectNoHash(after);

    // A later OAuth sign-in of the same person sees the password too.
    const again = await signInWithGoogle(email);
    expect(again.body.user).toMatchObject({ id: me.body.id, passwordEnabled: true });
  });

  it('is on the admin views: created with and without a password, read, listed, patched, roles set', async () => {
    const admin = await signInAdmin(t.http);
    const withPassword = await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: uniqueEmail('admin-made-pwd'), password: GOOD_PASSWORD })
      .expect(201);
    expect(withPassword.body.passwordEnabled).toBe(true);
    expectNoHash(withPassword);
    const withoutPassword = await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: uniqueEmail('admin-made-nopwd') })
      .expect(201);
    expect(withoutPassword.body.passwordEnabled).toBe(false);
    expectNoHash(withoutPassword);

    for (const [created, expected] of [
      [withPassword.body, true],
      [withoutPassword.body, false],
    ] as const) {
      const read = await t.http
        .get(`/admin/users/${created.id}`)
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(read.body).toMatchObject({ id: created.id, passwordEnabled: expected });
      expectNoHash(read);

      const listed = await t.http
        .get('/admin/users')
        .query({ query: created.primaryEmail })
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(listed.body.data).toEqual([
        expect.objectContaining({ id: created.id, passwordEnabled: expected }),
      ]);
      expectNoHash(listed);

      const patched = await t.http
        .patch(`/admin/users/${created.id}`)
        .set(bearer(admin.accessToken))
        .send({ displayName: 'Renamed' })
        .expect(200);
      expect(patched.body).toMatchObject({ displayName: 'Renamed', passwordEnabled: expected });
      expectNoHash(patched);

      const roles = await t.http
        .put(`/admin/users/${created.id}/roles`)
        .set(bearer(admin.accessToken))
        .send({ roles: ['user'] })
        .expect(200);
      expect(roles.body.passwordEnabled).toBe(expected);
      expectNoHash(roles);
    }

    // Every entry of a page says it: the admin (a password) among users of both kinds.
    const page = await t.http
      .get('/admin/users')
      .query({ limit: 100 })
      .set(bearer(admin.accessToken))
      .expect(200);
    expectNoHash(page);
    const entries = page.body.data as Array<{ id: string; passwordEnabled: unknown }>;
    for (const entry of entries) expect(typeof entry.passwordEnabled).toBe('boolean');
    const byId = new Map(entries.map((entry) => [entry.id, entry.passwordEnabled]));
    expect(byId.get(admin.id)).toBe(true);
    expect(byId.get(withPassword.body.id)).toBe(true);
    expect(byId.get(withoutPassword.body.id)).toBe(false);
  });

  it('documents the field in Swagger', async () => {
    const document = await t.http.get('/docs-json').expect(200);
    const user = document.body.components.schemas.UserResponse;
    expect(user.properties.passwordEnabled).toMatchObject({ type: 'boolean' });
    expect(user.properties.passwordEnabled.description).toEqual(expect.any(String));
    expect(user.required).toContain('passwordEnabled');
    expect(user.properties).not.toHaveProperty('passwordHash');
  });
});
