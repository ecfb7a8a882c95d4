import { Browser, freePort } from './support/browser.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

function expectNoStoreTokens(response: { headers: Record<string, string>; body: object }): void {
  expect(response.body).toHaveProperty('accessToken');
  expect(response.headers['cache-control']).toBe('no-store');
}

/** Answers that carry tokens must never sit in a browser, proxy or CDN cache. */
describe('token answers are not cached', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const expectNoStore = expectNoStoreTokens;

  it('sign-up, anonymous sign-up, sign-in, refresh and upgrade answer Cache-Control: no-store', async () => {
    const email = uniqueEmail();
    const signedUp = await t.http
      .post('/auth/signup')
      .send({ email, password: GOOD_PASSWORD })
      .expect(201);
    expectNoStore(signedUp);
    const signedIn = await t.http
      .post('/auth/login')
      .send({ email, password: GOOD_PASSWORD })
      .expect(200);
    expectNoStore(signedIn);
    expectNoStore(
      await t.http
        .post('/auth/refresh')
        .send({ refreshToken: signedIn.body.refreshToken })
        .expect(200),
    );
    const anonymous = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
    expectNoStore(anonymous);
    const upgraded = await t.http
      .post('/me/upgrade')
      .set(bearer(anonymous.body.accessToken))
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD })
      .expect(200);
    expect(upgraded.headers['cache-control']).toBe('no-store');
  });

  it('the second step of a two-factor sign-in answers Cache-Control: no-store', async () => {
    const account = await signUp(t.http);
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(enrolled.body.secret, -30) })
      .expect(200);
    const challenge = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    const signedIn = await t.http
      .post('/auth/login/2fa')
      .send({ challenge: challenge.body.challenge, code: await codeAt(enrolled.body.secret, 0) })
      .expect(200);
    expectNoStore(signedIn);
  });
});

describe('the OAuth exchange answer is not cached', () => {
  const frontEnd = 'http://127.0.0.1:5173';
  let provider: LocalOAuthServer;
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({
      env: { PUBLIC_URL: base, OAUTH_REDIRECT_ALLOWLIST: `${frontEnd}/auth`, ...provider.env() },
    });
    await t.app.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('POST /auth/oauth/exchange answers Cache-Control: no-store', async () => {
    provider.googlePerson = {
      sub: `g-${Date.now()}`,
      email: uniqueEmail('google'),
      email_verified: true,
    };
    const start = `${base}/oauth/google?redirect_url=${encodeURIComponent(`${frontEnd}/auth/done`)}`;
    const browser = new Browser();
    const { stoppedAt } = await browser.navigate(start, frontEnd);
    const code = stoppedAt?.searchParams.get('code');
    expect(code).toEqual(expect.any(String));
    // The browser that started the flow exchanges its code (with its binding cookie).
    const exchanged = await t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(base))
      .send({ code })
      .expect(200);
    expectNoStoreTokens(exchanged);
  });
});
