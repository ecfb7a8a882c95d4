// Sign-in by a code mailed to a verified address (UserContactsModule's `emailSignIn`, issue 23):
// POST /auth/email-code answers 202 whatever the address, POST /auth/email-code/verify turns the
// code into a session. The phone sign-in's machinery: codes single use, hashed, 10 minutes, 5
// tries; 5 messages an hour per address; a per-client backoff; a user with 2FA still passes it.
import { CapturingMessageSender, type CapturedMessage } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { bearer, signUp, uniqueEmail, type SignedUp } from './support/users.js';

type EmailCode = Extract<CapturedMessage, { kind: 'emailCode' }>;

/** The audit record's details (a JSON column on SQLite, jsonb on PostgreSQL). */
async function auditDetails(
  t: TestApp,
  userId: string,
  type: 'sign_in.succeeded' | 'sign_in.failed',
): Promise<Array<Record<string, unknown>>> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const rows = await sql<{ details: unknown }>(
      t.app,
      'select details from userkit_audit_log where user_id = ? and type = ?',
      [userId, type],
    );
    if (rows.length > 0 || Date.now() > deadline)
      return rows.map((row) =>
        typeof row.details === 'string'
          ? (JSON.parse(row.details) as Record<string, unknown>)
          : (row.details as Record<string, unknown>),
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('email sign-in: /auth/email-code', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      overrides: { messageSender: inbox, emailSignIn: true },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  function signInCodes(email: string): EmailCode[] {
    return inbox.messages.filter(
      (message): message is EmailCode =>
        message.kind === 'emailCode' && message.email === email && message.purpose === 'sign_in',
    );
  }

  /** Sign-in codes go out after the answer: the next one to this address, once it arrives. */
  async function nextSignInCode(email: string, before: number): Promise<string> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const codes = signInCodes(email);
      if (codes.length > before) return codes[codes.length - 1].code;
      if (Date.now() > deadline) throw new Error(`no sign-in code was sent to ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A user who verified the address of their sign-up with the code it sent. */
  async function withVerifiedEmail(): Promise<SignedUp> {
    const account = await signUp(t.http);
    const [address] = account.user.emailAddresses as Array<{ id: string }>;
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(account.email) })
      .expect(200);
    return account;
  }

  async function requestCode(email: string): Promise<string> {
    const before = signInCodes(email).length;
    const answer = await t.http.post('/auth/email-code').send({ email }).expect(202);
    expect(answer.body).toEqual({
      message: 'If this address belongs to an account, a sign-in code is on its way',
    });
    return nextSignInCode(email, before);
  }

  it('a verified address gets a code that signs in once, recorded as email_code', async () => {
    const account = await withVerifiedEmail();
    const code = await requestCode(account.email);
    expect(code).toMatch(/^\d{6}$/);
    const signedIn = await t.http
      .post('/auth/email-code/verify')
      .send({ email: `  ${account.email.toUpperCase()} `, code })
      .expect(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', user: { id: account.user.id } });
    expect(signedIn.headers['cache-control']).toMatch(/no-store/);
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    const succeeded = await auditDetails(t, account.user.id, 'sign_in.succeeded');
    expect(succeeded).toContainEqual(
      expect.objectContaining({ method: 'email_code', secondFactor: null }),
    );
    // Single use.
    const again = await t.http
      .post('/auth/email-code/verify')
      .send({ email: account.email, code })
      .expect(401);
    expect(again.body.code).toBe('INVALID_EMAIL_CODE');
    const failed = await auditDetails(t, account.user.id, 'sign_in.failed');
    expect(failed).toContainEqual(
      expect.objectContaining({ method: 'email_code', reason: 'wrong_code' }),
    );
  });

  it('answers every address alike: unknown, unverified and banned addresses get 202 and no code, and the same 401', async () => {
    const known = await withVerifiedEmail();
    const unverified = await signUp(t.http);
    const unknownEmail = uniqueEmail('nobody');
    const banned = await withVerifiedEmail();
    const admin = await signInAdmin(t.http);
    await t.http
      .post(`/admin/users/${banned.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);

    const addresses = [known.email, unverified.email, unknownEmail, banned.email];
    const answers = [];
    for (const email of addresses) {
      const answer = await t.http.post('/auth/email-code').send({ email }).expect(202);
      answers.push(answer.body);
    }
    expect(new Set(answers.map((body) => JSON.stringify(body))).size).toBe(1);
    await nextSignInCode(known.email, 0);
    // Give the detached work of the others time to (not) send.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(signInCodes(unverified.email)).toEqual([]);
    expect(signInCodes(unknownEmail)).toEqual([]);
    expect(signInCodes(banned.email)).toEqual([]);

    for (const email of addresses) {
      const refused = await t.http
        .post('/auth/email-code/verify')
        .send({ email, code: '000000' })
        .expect(401);
      expect(refused.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Invalid email or code',
        code: 'INVALID_EMAIL_CODE',
      });
    }
  });

  it('the verification code sign-up sends to an unverified address does not sign in', async () => {
    const unverified = await signUp(t.http);
    const refused = await t.http
      .post('/auth/email-code/verify')
      .send({ email: unverified.email, code: inbox.lastCode(unverified.email) })
      .expect(401);
    expect(refused.body.code).toBe('INVALID_EMAIL_CODE');
  });

  it('a banned user’s code, sent before the ban, signs nobody in', async () => {
    const account = await withVerifiedEmail();
    const code = await requestCode(account.email);
    const admin = await signInAdmin(t.http);
    await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    await t.http.post('/auth/email-code/verify').send({ email: account.email, code }).expect(401);
    const failed = await auditDetails(t, account.user.id, 'sign_in.failed');
    expect(failed).toContainEqual(
      expect.objectContaining({ method: 'email_code', reason: 'banned' }),
    );
  });

  it('a ban that has ended blocks neither the code nor the sign-in', async () => {
    const account = await withVerifiedEmail();
    const admin = await signInAdmin(t.http);
    await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .send({ bannedUntil: new Date(Date.now() + 1500).toISOString() })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    const code = await requestCode(account.email);
    const signedIn = await t.http
      .post('/auth/email-code/verify')
      .send({ email: account.email, code })
      .expect(200);
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
  });

  it('an expired code is refused', async () => {
    const account = await withVerifiedEmail();
    const code = await requestCode(account.email);
    await sql(
      t.app,
      `update userkit_verification_codes set expires_at = ? where purpose = 'sign_in' and user_id = ?`,
      [new Date(Date.now() - 1000), account.user.id],
    );
    await t.http.post('/auth/email-code/verify').send({ email: account.email, code }).expect(401);
  });

  it('a code has 5 tries; the client then backs off from the address, and the code stays spent', async () => {
    const account = await withVerifiedEmail();
    const code = await requestCode(account.email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1)
      await t.http
        .post('/auth/email-code/verify')
        .send({ email: account.email, code: wrong })
        .expect(401);
    const backedOff = await t.http
      .post('/auth/email-code/verify')
      .send({ email: account.email, code })
      .expect(429);
    expect(backedOff.body.code).toBe('SIGN_IN_BACKOFF');
    expect(Number(backedOff.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The password lock is not the code's: the password still signs in.
    await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Five tries were counted: even the right code no longer works.
    await t.http.post('/auth/email-code/verify').send({ email: account.email, code }).expect(401);
    // A new code works (after the backoff that the sixth failure started).
    const fresh = await requestCode(account.email);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await t.http
      .post('/auth/email-code/verify')
      .send({ email: account.email, code: fresh })
      .expect(200);
  });

  it('a new code replaces the previous one', async () => {
    const account = await withVerifiedEmail();
    const first = await requestCode(account.email);
    const second = await requestCode(account.email);
    if (first !== second)
      await t.http
        .post('/auth/email-code/verify')
        .send({ email: account.email, code: first })
        .expect(401);
    await t.http
      .post('/auth/email-code/verify')
      .send({ email: account.email, code: second })
      .expect(200);
  });

  it('16 parallel redemptions of one code: exactly one session', async () => {
    const account = await withVerifiedEmail();
    const code = await requestCode(account.email);
    const responses = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.http.post('/auth/email-code/verify').send({ email: account.email, code }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
  });

  it('stores only an HMAC of the code', async () => {
    const account = await withVerifiedEmail();
    const code = await requestCode(account.email);
    const rows = await sql<{ code_hash: string; purpose: string }>(
      t.app,
      `select c.code_hash, c.purpose from userkit_verification_codes c
         join userkit_email_addresses a on a.id = c.email_address_id where a.normalized_email = ?`,
      [account.email],
    );
    const signIn = rows.filter((row) => row.purpose === 'sign_in');
    expect(signIn).toHaveLength(1);
    expect(signIn[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('5 messages an hour per address, known or not: then 429 TOO_MANY_MESSAGES alike', async () => {
    const unknownEmail = uniqueEmail('nobody');
    for (let i = 0; i < 5; i += 1)
      await t.http.post('/auth/email-code').send({ email: unknownEmail }).expect(202);
    const unknownLimited = await t.http
      .post('/auth/email-code')
      .send({ email: unknownEmail })
      .expect(429);
    // The known address spent one message on its verification code at sign-up.
    const account = await withVerifiedEmail();
    for (let i = 0; i < 4; i += 1)
      await t.http.post('/auth/email-code').send({ email: account.email }).expect(202);
    const knownLimited = await t.http
      .post('/auth/email-code')
      .send({ email: account.email.toUpperCase() })
      .expect(429);
    expect(knownLimited.body).toEqual(unknownLimited.body);
    expect(knownLimited.body.code).toBe('TOO_MANY_MESSAGES');
    expect(Number(knownLimited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a user with 2FA on still passes the second factor', async () => {
    const account = await withVerifiedEmail();
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    const secret = enrolled.body.secret as string;
    await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(secret, -30) })
      .expect(200);
    const code = await requestCode(account.email);
    const challenged = await t.http
      .post('/auth/email-code/verify')
      .send({ email: account.email, code })
      .expect(200);
    expect(challenged.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: challenged.body.challenge, code: '000000' })
      .expect(401);
    const completed = await t.http
      .post('/auth/login/2fa')
      .send({ challenge: challenged.body.challenge, code: await codeAt(secret, 0) })
      .expect(200);
    expect(completed.body.user.id).toBe(account.user.id);
    const succeeded = await auditDetails(t, account.user.id, 'sign_in.succeeded');
    expect(succeeded).toContainEqual(
      expect.objectContaining({ method: 'email_code', secondFactor: 'totp' }),
    );
  });

  it.each([
    ['not an address', { email: 'not-an-email' }],
    ['an object', { email: { $ne: null } }],
    ['an array', { email: ['a@example.com'] }],
    ['a NUL', { email: 'a\u0000b@example.com' }],
    ['a lone surrogate', { email: 'a\ud800b@example.com' }],
    ['null', { email: null }],
    ['an extra field', { email: 'a@example.com', userId: 'x' }],
  ])('refuses %s with 400 on both routes, never a 5xx', async (_, body) => {
    const request = await t.http.post('/auth/email-code').send(body);
    expect(request.status).toBe(400);
    const verify = await t.http.post('/auth/email-code/verify').send({ ...body, code: '123456' });
    expect(verify.status).toBe(400);
  });

  it.each([
    ['5 digits', '12345'],
    ['letters', 'abcdef'],
    ['a number', 123456],
    ['null', null],
  ])('refuses a code of %s with 400', async (_, code) => {
    const response = await t.http
      .post('/auth/email-code/verify')
      .send({ email: uniqueEmail(), code });
    expect(response.status).toBe(400);
  });
});

describe('email sign-in off (the default)', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({ overrides: { messageSender: inbox } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 404 EMAIL_SIGN_IN_DISABLED on both routes, and sends nothing', async () => {
    const account = await signUp(t.http);
    const before = inbox.messages.length;
    const request = await t.http
      .post('/auth/email-code')
      .send({ email: account.email })
      .expect(404);
    expect(request.body.code).toBe('EMAIL_SIGN_IN_DISABLED');
    const verify = await t.http
      .post('/auth/email-code/verify')
      .send({ email: account.email, code: '123456' })
      .expect(404);
    expect(verify.body.code).toBe('EMAIL_SIGN_IN_DISABLED');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.messages.length).toBe(before);
  });
});

describe('email sign-in: per-address limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT: 'on' },
      overrides: { messageSender: new CapturingMessageSender(), emailSignIn: true },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('POST /auth/email-code counts in the sendMessage bucket (3 a minute per client), whatever the address', async () => {
    for (let i = 0; i < 3; i += 1)
      await t.http.post('/auth/email-code').send({ email: uniqueEmail() }).expect(202);
    const limited = await t.http
      .post('/auth/email-code')
      .send({ email: uniqueEmail() })
      .expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });
});
