import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { bearer, signUp, type SignedUp } from './support/users.js';

describe('two-factor sign-in with TOTP and backup codes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Turns 2FA on with a code of the previous step (clock drift); returns secret and backup codes. */
  async function enable(account: SignedUp): Promise<{ secret: string; backupCodes: string[] }> {
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    const { secret } = enrolled.body;
    const confirmed = await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(secret, -30) })
      .expect(200);
    return { secret, backupCodes: confirmed.body.backupCodes };
  }

  async function challengeFor(account: SignedUp): Promise<string> {
    const response = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    expect(response.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
    return response.body.challenge;
  }

  it('enrols: a secret and an otpauth URI; 2FA stays off until a code confirms it', async () => {
    const account = await signUp(t.http);
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    expect(enrolled.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(enrolled.body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(enrolled.body.secret);
    expect(uri.searchParams.get('issuer')).toBe('userkit');
    expect(decodeURIComponent(uri.pathname)).toContain(account.email);
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.twoFactorEnabled).toBe(false);
    // Not on yet: password sign-in still gives tokens.
    const login = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    // The secret is not in the database in the clear.
    const [row] = await sql<{ encrypted_secret: string }>(
      t.app,
      'select encrypted_secret from userkit_totp_credentials where user_id = ?',
      [account.user.id],
    );
    expect(row.encrypted_secret).not.toContain(enrolled.body.secret);
  });

  it('turns on with a time-shifted code, answers 10 backup codes, and refuses codes outside the window', async () => {
    const account = await signUp(t.http);
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    const { secret } = enrolled.body;
    for (const offset of [-120, 120]) {
      const refused = await t.http
        .post('/me/2fa/totp/verify')
        .set(bearer(account.accessToken))
        .send({ code: await codeAt(secret, offset) })
        .expect(400);
      expect(refused.body.code).toBe('INVALID_TWO_FACTOR_CODE');
    }
    const confirmed = await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(secret, -30) })
      .expect(200);
    const codes: string[] = confirmed.body.backupCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await sql<{ code_hash: string }>(
      t.app,
      'select code_hash from userkit_backup_codes where user_id = ?',
      [account.user.id],
    );
    expect(stored).toHaveLength(10);
    for (const { code_hash } of stored) expect(codes).not.toContain(code_hash);
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.twoFactorEnabled).toBe(true);
    await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(400);
  });

  it('signs in in two steps; a TOTP code is not accepted twice; the challenge is single use', async () => {
    const account = await signUp(t.http);
    const { secret } = await enable(account);
    const challenge = await challengeFor(account);
    const current = await codeAt(secret, 0);
    const signedIn = await t.http
      .post('/auth/login/2fa')
      .send({ challenge, code: current })
      .expect(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', user: { twoFactorEnabled: true } });
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);

    const reusedChallenge = await t.http
      .post('/auth/login/2fa')
      .send({ challenge, code: await codeAt(secret, 30) })
      .expect(401);
    expect(reusedChallenge.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });

    const second = await challengeFor(account);
    // Replay of the same code (same time step) within its window: refused.
    await t.http.post('/auth/login/2fa').send({ challenge: second, code: current }).expect(401);
    // The next step's code is fine.
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: second, code: await codeAt(secret, 30) })
      .expect(200);
  });

  it('accepts each backup code once', async () => {
    const account = await signUp(t.http);
    const { backupCodes } = await enable(account);
    const first = await challengeFor(account);
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: first, code: backupCodes[3].toUpperCase() })
      .expect(200);
    const second = await challengeFor(account);
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: second, code: backupCodes[3] })
      .expect(401);
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: second, code: backupCodes[4].replace('-', '') })
      .expect(200);
    const [{ used }] = await sql<{ used: number | string }>(
      t.app,
      'select count(*) as used from userkit_backup_codes where user_id = ? and used_at is not null',
      [account.user.id],
    );
    expect(Number(used)).toBe(2);
  });

  it('kills a challenge after 5 wrong codes, and after 5 minutes', async () => {
    const account = await signUp(t.http);
    const { secret } = await enable(account);
    const challenge = await challengeFor(account);
    for (let i = 0; i < 5; i += 1) {
      const response = await t.http
        .post('/auth/login/2fa')
        .send({ challenge, code: 'aaaaa-aaaaa' });
      // 401 for the wrong code, or 429 once this client's backoff starts: never a success.
      expect([401, 429]).toContain(response.status);
    }
    // Past the client's backoff (1 s after 5 failures): the challenge itself is spent.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge, code: await codeAt(secret, 0) })
      .expect(401);

    const late = await challengeFor(account);
    await sql(t.app, 'update userkit_two_factor_challenges set expires_at = ? where user_id = ?', [
      new Date(Date.now() - 1000),
      account.user.id,
    ]);
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: late, code: await codeAt(secret, 0) })
      .expect(401);
    await t.http.post('/auth/login/2fa').send({ challenge: 'made-up', code: '123456' }).expect(401);
  });

  it('turns on only after a recent sign-in: a stolen refresh-only session cannot enrol a TOTP', async () => {
    const account = await signUp(t.http);
    const fresh = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    await sql(t.app, 'update userkit_sessions set authenticated_at = ? where user_id = ?', [
      new Date(Date.now() - 2 * 60 * 60 * 1000),
      account.user.id,
    ]);
    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: account.refreshToken })
      .expect(200);
    const enrol = await t.http
      .post('/me/2fa/totp')
      .set(bearer(refreshed.body.accessToken))
      .expect(403);
    expect(enrol.body.code).toBe('REAUTHENTICATION_REQUIRED');
    // Nor can it confirm an enrolment begun while the session was fresh.
    const confirm = await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(refreshed.body.accessToken))
      .send({ code: await codeAt(fresh.body.secret, 0) })
      .expect(403);
    expect(confirm.body.code).toBe('REAUTHENTICATION_REQUIRED');
    const me = await t.http.get('/me').set(bearer(refreshed.body.accessToken)).expect(200);
    expect(me.body.twoFactorEnabled).toBe(false);
  });

  it('keeps the password step honest: a wrong password gets no challenge', async () => {
    const account = await signUp(t.http);
    await enable(account);
    const response = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: 'wrong-password-123' })
      .expect(401);
    expect(response.body.message).toBe('Invalid email or password');
    expect(response.body).not.toHaveProperty('challenge');
  });

  it('turns off with a code (after a recent sign-in); sign-in is one step again', async () => {
    const account = await signUp(t.http);
    const { secret, backupCodes } = await enable(account);
    await t.http
      .delete('/me/2fa')
      .set(bearer(account.accessToken))
      .send({ code: 'zzzzz-zzzzz' })
      .expect(400);
    await sql(t.app, 'update userkit_sessions set authenticated_at = ? where user_id = ?', [
      new Date(Date.now() - 2 * 60 * 60 * 1000),
      account.user.id,
    ]);
    const stale = await t.http
      .delete('/me/2fa')
      .set(bearer(account.accessToken))
      .send({ code: backupCodes[0] })
      .expect(403);
    expect(stale.body.code).toBe('REAUTHENTICATION_REQUIRED');
    const challenge = await challengeFor(account);
    const fresh = await t.http
      .post('/auth/login/2fa')
      .send({ challenge, code: await codeAt(secret, 30) })
      .expect(200);
    await t.http
      .delete('/me/2fa')
      .set(bearer(fresh.body.accessToken))
      .send({ code: backupCodes[0] })
      .expect(204);
    const me = await t.http.get('/me').set(bearer(fresh.body.accessToken)).expect(200);
    expect(me.body.twoFactorEnabled).toBe(false);
    const login = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    const left = await sql(t.app, 'select id from userkit_backup_codes where user_id = ?', [
      account.user.id,
    ]);
    expect(left).toHaveLength(0);
    await t.http
      .delete('/me/2fa')
      .set(bearer(fresh.body.accessToken))
      .send({ code: '123456' })
      .expect(400);
  });

  it('survives parallel enrolments: each answer is 201 or 409, and the last secret works', async () => {
    const account = await signUp(t.http);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.http.post('/me/2fa/totp').set(bearer(account.accessToken))),
    );
    for (const result of results) expect([201, 409]).toContain(result.status);
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(enrolled.body.secret, 0) })
      .expect(200);
  });

  it('answers 400 for a confirmation without enrolment, and for bad bodies', async () => {
    const account = await signUp(t.http);
    const none = await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: '123456' })
      .expect(400);
    expect(none.body.code).toBe('TWO_FACTOR_NOT_ENROLLED');
    await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: '12345x' })
      .expect(400);
    await t.http
      .post('/me/2fa/totp')
      .set(bearer(account.accessToken))
      .send({ secret: 'JBSWY3DPEHPK3PXP' })
      .expect(400);
    await t.http.post('/auth/login/2fa').send({ challenge: 'x' }).expect(400);
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: 'x', code: '123456', remember: true })
      .expect(400);
  });
});
