import { CapturingMessageSender } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

const NEW_PASSWORD = 'saffron-lantern-cobalt-57';

describe('password recovery: POST /auth/password/forgot and /reset', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({ overrides: { messageSender: inbox } });
  });
  afterAll(async () => {
    await t.close();
  });

  function tokenOf(link: string): string {
    return new URL(link).searchParams.get('token')!;
  }

  it('answers 202 with the same body for a known and an unknown address, without waiting for the sender', async () => {
    const account = await signUp(t.http);
    inbox.delayMs = 800;
    try {
      const startedKnown = Date.now();
      const known = await t.http
        .post('/auth/password/forgot')
        .send({ email: account.email })
        .expect(202);
      const knownMs = Date.now() - startedKnown;
      const unknown = await t.http
        .post('/auth/password/forgot')
        .send({ email: uniqueEmail('nobody') })
        .expect(202);
      const malformed = await t.http
        .post('/auth/password/forgot')
        .send({ email: 'not an address' })
        .expect(202);
      expect(known.body).toEqual(unknown.body);
      expect(known.body).toEqual(malformed.body);
      expect(known.text).toBe(unknown.text);
      // The slow sender runs after the answer, so it cannot make a known address slower.
      expect(knownMs).toBeLessThan(600);
      await inbox.waitForResetLink(account.email);
    } finally {
      inbox.delayMs = 0;
    }
  });

  it('sends a link on the configured public URL, even when Host and X-Forwarded-Host say otherwise', async () => {
    const account = await signUp(t.http);
    await t.http
      .post('/auth/password/forgot')
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: account.email.toUpperCase() })
      .expect(202);
    const message = await inbox.waitForResetLink(account.email);
    // The sample serves the prebuilt pages (`ui`) at /account: links land on their reset page.
    expect(message.link.startsWith('http://127.0.0.1:3000/account/reset-password?token=')).toBe(
      true,
    );
    expect(message.link).not.toContain('evil');
    expect(message.user.id).toBe(account.user.id);
    const ttl = message.expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(59 * 60 * 1000);
    expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000);
    const stored = await sql<{ token_hash: string }>(
      t.app,
      'select token_hash from userkit_password_reset_tokens where user_id = ?',
      [account.user.id],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toBe(tokenOf(message.link));
  });

  it('resets the password once: every session dies, the new password works, the link is spent', async () => {
    const account = await signUp(t.http);
    const otherDevice = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const token = tokenOf((await inbox.waitForResetLink(account.email)).link);

    const weak = await t.http
      .post('/auth/password/reset')
      .send({ token, password: 'password' })
      .expect(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');

    await t.http.post('/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(204);
    await t.http.get('/me').set(bearer(account.accessToken)).expect(401);
    await t.http.get('/me').set(bearer(otherDevice.body.accessToken)).expect(401);
    await t.http
      .post('/auth/refresh')
      .send({ refreshToken: otherDevice.body.refreshToken })
      .expect(401);
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: GOOD_PASSWORD })
      .expect(401);
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: NEW_PASSWORD })
      .expect(200);

    const reused = await t.http
      .post('/auth/password/reset')
      .send({ token, password: 'another-fine-passphrase-88' })
      .expect(400);
    expect(reused.body).toMatchObject({ statusCode: 400, code: 'INVALID_RESET_TOKEN' });
  });

  it('accepts a reset link exactly once when it is used 8 times in parallel', async () => {
    const account = await signUp(t.http);
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const token = tokenOf((await inbox.waitForResetLink(account.email)).link);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.http.post('/auth/password/reset').send({ token, password: NEW_PASSWORD }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(7);
  });

  it('refuses an expired link and an unknown token', async () => {
    const account = await signUp(t.http);
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const token = tokenOf((await inbox.waitForResetLink(account.email)).link);
    await sql(t.app, 'update userkit_password_reset_tokens set expires_at = ? where user_id = ?', [
      new Date(Date.now() - 1000),
      account.user.id,
    ]);
    await t.http.post('/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(400);
    await t.http
      .post('/auth/password/reset')
      .send({ token: 'made-up', password: NEW_PASSWORD })
      .expect(400);
  });

  it("ends this client's backoff too: after a reset the owner signs in from the same address", async () => {
    const account = await signUp(t.http);
    for (let i = 0; i < 5; i += 1)
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: 'not-the-password-9' })
        .expect(401);
    const backoff = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(429);
    expect(backoff.body.code).toBe('SIGN_IN_BACKOFF');
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const token = tokenOf((await inbox.waitForResetLink(account.email)).link);
    await t.http.post('/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(204);
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: NEW_PASSWORD })
      .expect(200);
  });

  it('lifts the lock after 100 failed sign-ins', async () => {
    const account = await signUp(t.http);
    await sql(
      t.app,
      'update userkit_users set failed_sign_in_count = 100, password_sign_in_disabled = ? where id = ?',
      [true, account.user.id],
    );
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(429);
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const token = tokenOf((await inbox.waitForResetLink(account.email)).link);
    await t.http.post('/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(204);
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: NEW_PASSWORD })
      .expect(200);
  });

  it("sends no link to an unverified secondary address (it may not be the user's)", async () => {
    const account = await signUp(t.http);
    const secondary = uniqueEmail('unproven');
    await t.http
      .post('/me/emails')
      .set(bearer(account.accessToken))
      .send({ email: secondary })
      .expect(201);
    await t.http.post('/auth/password/forgot').send({ email: secondary }).expect(202);
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    await inbox.waitForResetLink(account.email);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(inbox.messages.some((m) => m.kind === 'resetLink' && m.email === secondary)).toBe(false);
  });

  it('a reset through an address nobody had verified drops the 2FA of its unproven holder: authenticator, backup codes, challenges', async () => {
    const account = await signUp(t.http);
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    const { secret } = enrolled.body;
    await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(secret, -30) })
      .expect(200);
    const pending = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    expect(pending.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });

    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const token = tokenOf((await inbox.waitForResetLink(account.email)).link);
    await t.http.post('/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(204);

    for (const table of [
      'userkit_totp_credentials',
      'userkit_backup_codes',
      'userkit_two_factor_challenges',
    ]) {
      const [row] = await sql<{ count: number | string }>(
        t.app,
        `select count(*) as count from ${table} where user_id = ?`,
        [account.user.id],
      );
      expect({ table, rows: Number(row!.count) }).toEqual({ table, rows: 0 });
    }
    // The challenge of before is dead, even with a code of the old authenticator.
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: pending.body.challenge, code: await codeAt(secret, 0) })
      .expect(401);
    // The owner signs in on the password alone, and may set up an authenticator of their own.
    const signedIn = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: NEW_PASSWORD })
      .expect(200);
    expect(signedIn.body.user.twoFactorEnabled).toBe(false);
    await t.http.post('/me/2fa/totp').set(bearer(signedIn.body.accessToken)).expect(201);
  });

  it.each([[{}], [{ email: 'a@example.com', extra: 1 }], [{ email: 7 }]])(
    'answers 400 to forgot with %j',
    async (body) => {
      await t.http.post('/auth/password/forgot').send(body).expect(400);
    },
  );

  it.each([
    [{ token: 'x' }],
    [{ password: NEW_PASSWORD }],
    [{ token: '', password: NEW_PASSWORD }],
  ])('answers 400 to reset with %j', async (body) => {
    await t.http.post('/auth/password/reset').send(body).expect(400);
  });
});

describe('password change: POST /me/password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('changes the password; other sessions die, this one stays', async () => {
    const account = await signUp(t.http);
    const other = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    await t.http
      .post('/me/password')
      .set(bearer(account.accessToken))
      .send({ currentPassword: account.password, newPassword: NEW_PASSWORD })
      .expect(204);
    await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    await t.http.get('/me').set(bearer(other.body.accessToken)).expect(401);
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(401);
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: NEW_PASSWORD })
      .expect(200);
  });

  it('refuses a wrong current password, a weak new one, and unknown fields', async () => {
    const account = await signUp(t.http);
    const wrong = await t.http
      .post('/me/password')
      .set(bearer(account.accessToken))
      .send({ currentPassword: 'not-the-password-1', newPassword: NEW_PASSWORD })
      .expect(400);
    expect(wrong.body.message).toMatch(/current password/);
    const weak = await t.http
      .post('/me/password')
      .set(bearer(account.accessToken))
      .send({ currentPassword: account.password, newPassword: 'short' })
      .expect(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    await t.http
      .post('/me/password')
      .set(bearer(account.accessToken))
      .send({ currentPassword: account.password, newPassword: NEW_PASSWORD, roles: ['admin'] })
      .expect(400);
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
  });

  it('needs a sign-in within the last hour: 403 with a clear message, then fine after signing in again', async () => {
    const account = await signUp(t.http);
    await sql(t.app, 'update userkit_sessions set authenticated_at = ? where user_id = ?', [
      new Date(Date.now() - 61 * 60 * 1000),
      account.user.id,
    ]);
    const refused = await t.http
      .post('/me/password')
      .set(bearer(account.accessToken))
      .send({ currentPassword: account.password, newPassword: NEW_PASSWORD })
      .expect(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      error: 'Forbidden',
      code: 'REAUTHENTICATION_REQUIRED',
    });
    expect(refused.body.message).toMatch(/sign-in within the last hour/);
    const again = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    await t.http
      .post('/me/password')
      .set(bearer(again.body.accessToken))
      .send({ currentPassword: account.password, newPassword: NEW_PASSWORD })
      .expect(204);
  });
});
