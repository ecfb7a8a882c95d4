import { CapturingMessageSender } from './support/captured-messages.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

/** The buckets of API.md on the routes of emails, phones, recovery and 2FA (per client address). */
describe('rate limits of the identifier routes', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeEach(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT: 'on' },
      overrides: {
        messageSender: inbox,
        // Room to set up accounts; the buckets under test keep their defaults.
        rateLimits: {
          signUp: { limit: 50, windowSeconds: 60 },
          signIn: { limit: 50, windowSeconds: 60 },
        },
      },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  it('sendMessage (3 a minute): adding addresses, resending and forgot share it', async () => {
    const account = await signUp(t.http);
    const auth = bearer(account.accessToken);
    const first = await t.http
      .post('/me/emails')
      .set(auth)
      .send({ email: uniqueEmail() })
      .expect(201);
    await t.http.post(`/me/emails/${first.body.id}/resend`).set(auth).expect(204);
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const limited = await t.http
      .post('/me/phones')
      .set(auth)
      .send({ phoneNumber: '+12015550188' })
      .expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(429);
  });

  it('codeSubmit (10 a minute): code verification and /auth/login/2fa share it', async () => {
    const account = await signUp(t.http);
    const auth = bearer(account.accessToken);
    const [address] = (await t.http.get('/me').set(auth).expect(200)).body.emailAddresses;
    for (let i = 0; i < 10; i += 1) {
      const response = await t.http
        .post(`/me/emails/${address.id}/verify`)
        .set(auth)
        .send({ code: '000000' });
      expect(response.status).toBe(400);
    }
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(auth)
      .send({ code: '000000' })
      .expect(429);
    await t.http.post('/auth/login/2fa').send({ challenge: 'x', code: '123456' }).expect(429);
  });

  it('password (3 per 10 s): password change and reset share it', async () => {
    const account = await signUp(t.http);
    const auth = bearer(account.accessToken);
    for (let i = 0; i < 2; i += 1) {
      await t.http
        .post('/me/password')
        .set(auth)
        .send({ currentPassword: 'wrong-current-pw-1', newPassword: 'fine-new-passphrase-1' })
        .expect(400);
    }
    await t.http
      .post('/auth/password/reset')
      .send({ token: 'made-up', password: 'fine-new-passphrase-1' })
      .expect(400);
    await t.http
      .post('/me/password')
      .set(auth)
      .send({ currentPassword: account.password, newPassword: 'fine-new-passphrase-1' })
      .expect(429);
    await t.http.post('/auth/password/reset').send({ token: 'made-up', password: 'x' }).expect(429);
  });
});

/** Limits that hold whatever address the client rotates through (message pumping, NIST 800-63B). */
describe('verification messages per account and per recipient', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  let client = 0;
  /** A fresh client address for each request: the per-address buckets never apply. */
  const nextClient = () => `198.51.100.${(client += 1)}`;
  beforeAll(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT: 'on', TRUSTED_PROXIES: 'loopback' },
      overrides: { messageSender: inbox },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const addPhone = (accessToken: string, phoneNumber: string) =>
    t.http
      .post('/me/phones')
      .set(bearer(accessToken))
      .set('X-Forwarded-For', nextClient())
      .send({ phoneNumber });
  const resendPhone = (accessToken: string, id: string) =>
    t.http
      .post(`/me/phones/${id}/resend`)
      .set(bearer(accessToken))
      .set('X-Forwarded-For', nextClient());
  /** A sign-up from a fresh client address, clear of the per-address sign-up limit. */
  const signUpFrom = async () => {
    const response = await t.http
      .post('/auth/signup')
      .set('X-Forwarded-For', nextClient())
      .send({ email: uniqueEmail('quota'), password: GOOD_PASSWORD })
      .expect(201);
    return response.body as { accessToken: string };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it('sends one number at most 5 codes an hour, from any number of addresses', async () => {
    const account = await signUp(t.http);
    const added = await addPhone(account.accessToken, '+12015550142').expect(201);
    for (let i = 0; i < 4; i += 1)
      await resendPhone(account.accessToken, added.body.id).expect(204);
    const limited = await resendPhone(account.accessToken, added.body.id).expect(429);
    expect(limited.body.code).toBe('TOO_MANY_MESSAGES');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await settle();
    expect(inbox.countTo('+12015550142')).toBe(5);
  });

  it('caps an account at 5 phone numbers and 10 messages an hour', async () => {
    const account = await signUp(t.http);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push((await addPhone(account.accessToken, `+1201555016${i}`).expect(201)).body.id);
    const capped = await addPhone(account.accessToken, '+12015550170').expect(400);
    expect(capped.body.code).toBe('PHONE_NUMBER_LIMIT');
    // 5 counted so far (the refused add sent nothing): 5 more resends, then the account is at its limit.
    for (const id of ids) await resendPhone(account.accessToken, id).expect(204);
    const limited = await resendPhone(account.accessToken, ids[0]).expect(429);
    expect(limited.body.code).toBe('TOO_MANY_MESSAGES');
    await settle();
    const sent = inbox.messages.filter(
      (message) => message.kind === 'phoneCode' && message.phoneNumber.startsWith('+1201555016'),
    );
    expect(sent).toHaveLength(10);
  });

  it('refused adds (409, the number is taken) spend neither the recipient’s nor the account’s quota', async () => {
    const owner = await signUpFrom();
    const phone = '+12015550190';
    const added = await addPhone(owner.accessToken, phone).expect(201);
    await t.http
      .post(`/me/phones/${added.body.id}/verify`)
      .set(bearer(owner.accessToken))
      .set('X-Forwarded-For', nextClient())
      .send({ code: inbox.lastCode(phone) })
      .expect(200);
    const stranger = await signUpFrom();
    for (let i = 0; i < 10; i += 1) await addPhone(stranger.accessToken, phone).expect(409);
    // The stranger can still send, and the number can still get its codes.
    await addPhone(stranger.accessToken, '+12015550191').expect(201);
    await t.http
      .delete(`/me/phones/${added.body.id}`)
      .set(bearer(owner.accessToken))
      .set('X-Forwarded-For', nextClient())
      .expect(204);
    await addPhone(owner.accessToken, phone).expect(201);
  });
});
