// Sign-in by SMS code to a verified number (`identifiers.phone`, UserContactsModule):
// POST /auth/phone-code answers 202 whatever the number, POST /auth/phone-code/verify turns the
// code into a session. Codes are single use, hashed, limited in tries; numbers and clients are
// limited; a user with 2FA still passes the second factor.
import { CapturingMessageSender, type CapturedMessage } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail, type SignedUp } from './support/users.js';

let counter = 0;
/** A valid US number (201-555-xxxx), unique within this process. */
function uniquePhone(): string {
  counter += 1;
  return `+1201555${String(3000 + counter).padStart(4, '0')}`;
}

type PhoneCode = Extract<CapturedMessage, { kind: 'phoneCode' }>;

describe('phone sign-in: /auth/phone-code', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      overrides: { messageSender: inbox, identifiers: { email: 'required', phone: 'optional' } },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  function phoneCodes(phoneNumber: string, purpose?: 'sign_in'): PhoneCode[] {
    return inbox.messages.filter(
      (message): message is PhoneCode =>
        message.kind === 'phoneCode' &&
        message.phoneNumber === phoneNumber &&
        (purpose === undefined || message.purpose === purpose),
    );
  }

  /** Sign-in codes go out after the answer: the next one to this number, once it arrives. */
  async function nextSignInCode(phoneNumber: string, before: number): Promise<string> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const codes = phoneCodes(phoneNumber, 'sign_in');
      if (codes.length > before) return codes[codes.length - 1].code;
      if (Date.now() > deadline) throw new Error(`no sign-in code was sent to ${phoneNumber}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A user who signed up with this number and verified it with the code the sign-up sent. */
  async function withVerifiedPhone(
    phoneNumber = uniquePhone(),
  ): Promise<SignedUp & { phone: string }> {
    const account = await signUp(t.http, { phoneNumber });
    const [phone] = (account.user.phoneNumbers as Array<{ id: string; verified: boolean }>) ?? [];
    expect(phone).toMatchObject({ phoneNumber, verified: false, primary: true });
    await t.http
      .post(`/me/phones/${phone.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(phoneNumber) })
      .expect(200);
    return { ...account, phone: phoneNumber };
  }

  async function requestCode(phoneNumber: string): Promise<string> {
    const before = phoneCodes(phoneNumber, 'sign_in').length;
    const answer = await t.http.post('/auth/phone-code').send({ phoneNumber }).expect(202);
    expect(answer.body).toEqual({
      message: 'If this number belongs to an account, a sign-in code is on its way',
    });
    return nextSignInCode(phoneNumber, before);
  }

  it('sign-up with a number sends its verification code; once verified, an SMS code signs in (once)', async () => {
    const account = await withVerifiedPhone();
    const typed = `${account.phone.slice(0, 2)} (${account.phone.slice(2, 5)}) ${account.phone.slice(5, 8)}-${account.phone.slice(8)}`;
    const code = await requestCode(account.phone);
    expect(code).toMatch(/^\d{6}$/);
    const signedIn = await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: typed, code })
      .expect(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', user: { id: account.user.id } });
    expect(signedIn.headers['cache-control']).toMatch(/no-store/);
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    // Single use.
    const again = await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: account.phone, code })
      .expect(401);
    expect(again.body.code).toBe('INVALID_PHONE_CODE');
  });

  it('answers every number alike: unknown, unverified and banned numbers get 202 and no message, and the same 401', async () => {
    const known = await withVerifiedPhone();
    const unverifiedNumber = uniquePhone();
    await signUp(t.http, { phoneNumber: unverifiedNumber });
    const unknownNumber = uniquePhone();
    const banned = await withVerifiedPhone();
    const admin = await signInAdmin(t.http);
    await t.http
      .post(`/admin/users/${banned.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);

    const answers = [];
    for (const phoneNumber of [known.phone, unverifiedNumber, unknownNumber, banned.phone]) {
      const answer = await t.http.post('/auth/phone-code').send({ phoneNumber }).expect(202);
      answers.push(answer.body);
    }
    expect(new Set(answers.map((body) => JSON.stringify(body))).size).toBe(1);
    await nextSignInCode(known.phone, 0);
    // Give the detached work of the others time to (not) send.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(phoneCodes(unverifiedNumber, 'sign_in')).toEqual([]);
    expect(phoneCodes(unknownNumber, 'sign_in')).toEqual([]);
    expect(phoneCodes(banned.phone, 'sign_in')).toEqual([]);

    const refusals = [];
    for (const phoneNumber of [known.phone, unverifiedNumber, unknownNumber, banned.phone]) {
      const refused = await t.http
        .post('/auth/phone-code/verify')
        .send({ phoneNumber, code: '000000' })
        .expect(401);
      refusals.push(refused.body);
    }
    for (const body of refusals)
      expect(body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Invalid phone number or code',
        code: 'INVALID_PHONE_CODE',
      });
  });

  it('a banned user’s code, sent before the ban, signs nobody in', async () => {
    const account = await withVerifiedPhone();
    const code = await requestCode(account.phone);
    const admin = await signInAdmin(t.http);
    await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: account.phone, code })
      .expect(401);
  });

  it('a code has 5 tries; the client then backs off from the number, and the code stays spent', async () => {
    const account = await withVerifiedPhone();
    const code = await requestCode(account.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1)
      await t.http
        .post('/auth/phone-code/verify')
        .send({ phoneNumber: account.phone, code: wrong })
        .expect(401);
    const backedOff = await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: account.phone, code })
      .expect(429);
    expect(backedOff.body.code).toBe('SIGN_IN_BACKOFF');
    expect(Number(backedOff.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Five tries were counted: even the right code no longer works.
    await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: account.phone, code })
      .expect(401);
    // A new code works (after the backoff that the sixth failure started).
    const fresh = await requestCode(account.phone);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: account.phone, code: fresh })
      .expect(200);
  });

  it('a new code replaces the previous one', async () => {
    const account = await withVerifiedPhone();
    const first = await requestCode(account.phone);
    const second = await requestCode(account.phone);
    if (first !== second)
      await t.http
        .post('/auth/phone-code/verify')
        .send({ phoneNumber: account.phone, code: first })
        .expect(401);
    await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: account.phone, code: second })
      .expect(200);
  });

  it('16 parallel redemptions of one code: exactly one session', async () => {
    const account = await withVerifiedPhone();
    const code = await requestCode(account.phone);
    const responses = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.http.post('/auth/phone-code/verify').send({ phoneNumber: account.phone, code }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    // The others were refused (and, counted as failures, soon backed off): never a 5xx.
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
  });

  it('stores only an HMAC of the code', async () => {
    const account = await withVerifiedPhone();
    const code = await requestCode(account.phone);
    const rows = await sql<{ code_hash: string; purpose: string }>(
      t.app,
      `select c.code_hash, c.purpose from userkit_verification_codes c
         join userkit_phone_numbers p on p.id = c.phone_number_id where p.phone_number = ?`,
      [account.phone],
    );
    const signIn = rows.filter((row) => row.purpose === 'sign_in');
    expect(signIn).toHaveLength(1);
    expect(signIn[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('5 messages an hour per number, known or not: then 429 TOO_MANY_MESSAGES alike', async () => {
    const unknownNumber = uniquePhone();
    for (let i = 0; i < 5; i += 1)
      await t.http.post('/auth/phone-code').send({ phoneNumber: unknownNumber }).expect(202);
    const unknownLimited = await t.http
      .post('/auth/phone-code')
      .send({ phoneNumber: unknownNumber })
      .expect(429);
    // The known number spent one message on its verification code at sign-up.
    const account = await withVerifiedPhone();
    for (let i = 0; i < 4; i += 1)
      await t.http.post('/auth/phone-code').send({ phoneNumber: account.phone }).expect(202);
    const knownLimited = await t.http
      .post('/auth/phone-code')
      .send({ phoneNumber: account.phone })
      .expect(429);
    expect(knownLimited.body).toEqual(unknownLimited.body);
    expect(knownLimited.body.code).toBe('TOO_MANY_MESSAGES');
    expect(Number(knownLimited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a user with 2FA on still passes the second factor', async () => {
    const account = await withVerifiedPhone();
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    const secret = enrolled.body.secret as string;
    await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(secret, -30) })
      .expect(200);
    const code = await requestCode(account.phone);
    const challenged = await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: account.phone, code })
      .expect(200);
    expect(challenged.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
    const wrong = await t.http
      .post('/auth/login/2fa')
      .send({ challenge: challenged.body.challenge, code: '000000' });
    expect(wrong.status).toBe(401);
    const completed = await t.http
      .post('/auth/login/2fa')
      .send({ challenge: challenged.body.challenge, code: await codeAt(secret, 0) })
      .expect(200);
    expect(completed.body.user.id).toBe(account.user.id);
  });

  it('a number taken by another account cannot be given at sign-up (409), and nothing is created', async () => {
    const account = await withVerifiedPhone();
    const email = uniqueEmail();
    const taken = await t.http
      .post('/auth/signup')
      .send({ email, password: GOOD_PASSWORD, phoneNumber: account.phone })
      .expect(409);
    expect(taken.body.code).toBe('PHONE_TAKEN');
    await t.http.post('/auth/login').send({ email, password: GOOD_PASSWORD }).expect(401);
  });

  it('the last verified number cannot go when it is the last way in', async () => {
    const account = await withVerifiedPhone();
    const auth = bearer(account.accessToken);
    const me = await t.http.get('/me').set(auth).expect(200);
    // Another way in first: the email may go while the number signs in.
    await t.http.delete(`/me/emails/${me.body.emailAddresses[0].id}`).set(auth).expect(204);
    const refused = await t.http
      .delete(`/me/phones/${me.body.phoneNumbers[0].id}`)
      .set(auth)
      .expect(400);
    expect(refused.body.code).toBe('LAST_SIGN_IN_METHOD');
  });

  it.each([
    ['not E.164', { phoneNumber: '2015550123' }],
    ['an object', { phoneNumber: { $ne: null } }],
    ['an array', { phoneNumber: ['+12015550123'] }],
    ['a NUL', { phoneNumber: '+1201555\u00000123' }],
    ['a lone surrogate', { phoneNumber: '+1201555\ud8000123' }],
    ['null', { phoneNumber: null }],
    ['an extra field', { phoneNumber: '+12015550123', userId: 'x' }],
  ])('refuses %s with 400 on both routes, never a 5xx', async (_, body) => {
    const request = await t.http.post('/auth/phone-code').send(body);
    expect(request.status).toBe(400);
    const verify = await t.http.post('/auth/phone-code/verify').send({ ...body, code: '123456' });
    expect(verify.status).toBe(400);
  });

  it.each([
    ['5 digits', '12345'],
    ['letters', 'abcdef'],
    ['a number', 123456],
    ['null', null],
  ])('refuses a code of %s with 400', async (_, code) => {
    const response = await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: uniquePhone(), code });
    expect(response.status).toBe(400);
  });
});

describe('phone sign-in off (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ overrides: { messageSender: new CapturingMessageSender() } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 404 PHONE_SIGN_IN_DISABLED, and sign-up takes no number', async () => {
    const request = await t.http
      .post('/auth/phone-code')
      .send({ phoneNumber: '+12015550123' })
      .expect(404);
    expect(request.body.code).toBe('PHONE_SIGN_IN_DISABLED');
    const verify = await t.http
      .post('/auth/phone-code/verify')
      .send({ phoneNumber: '+12015550123', code: '123456' })
      .expect(404);
    expect(verify.body.code).toBe('PHONE_SIGN_IN_DISABLED');
    const signUpRefused = await t.http
      .post('/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD, phoneNumber: '+12015550123' })
      .expect(400);
    expect(signUpRefused.body.code).toBe('IDENTIFIER_NOT_ACCEPTED');
  });
});

describe('phone required at sign-up', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({
      overrides: { messageSender: inbox, identifiers: { email: 'required', phone: 'required' } },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('asks for the number, and sends it its code', async () => {
    const missing = await t.http
      .post('/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD })
      .expect(400);
    expect(missing.body.message).toEqual(['phoneNumber is required']);
    const phoneNumber = uniquePhone();
    const account = await signUp(t.http, { phoneNumber });
    expect(account.user.phoneNumbers).toEqual([
      { id: expect.any(String), phoneNumber, verified: false, primary: true },
    ]);
    expect(inbox.lastCode(phoneNumber)).toMatch(/^\d{6}$/);
  });
});

describe('phone sign-in: per-address limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT: 'on' },
      overrides: {
        messageSender: new CapturingMessageSender(),
        identifiers: { email: 'required', phone: 'optional' },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('POST /auth/phone-code counts in the sendMessage bucket (3 a minute per address), whatever the number', async () => {
    for (let i = 0; i < 3; i += 1)
      await t.http.post('/auth/phone-code').send({ phoneNumber: uniquePhone() }).expect(202);
    const limited = await t.http
      .post('/auth/phone-code')
      .send({ phoneNumber: uniquePhone() })
      .expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });
});
