import { CapturingMessageSender } from './support/captured-messages.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, uniqueEmail } from './support/users.js';

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
