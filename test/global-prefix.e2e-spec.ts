import { RequestMethod } from '@nestjs/common';
import { Browser } from './support/browser.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import {
  FRONT_END,
  RETURN_TO,
  startOAuthApp,
  type Running as OAuthRunning,
} from './support/oauth-app.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { ensureUiBuilt, pageConfig, refreshSetCookie } from './support/pages.js';
import type { TestApp, TestAppOptions } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, uniqueEmail } from './support/users.js';

const NEW_PASSWORD = 'saffron-lantern-cobalt-57';

/** A real 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Running extends OAuthRunning {
  inbox: CapturingMessageSender;
}

/** The sample app on a real port (the OAuth server sends the browser back to it). */
async function startApp(
  provider: LocalOAuthServer,
  env: Record<string, string>,
  beforeInit?: TestAppOptions['beforeInit'],
): Promise<Running> {
  ensureUiBuilt();
  const inbox = new CapturingMessageSender();
  const running = await startOAuthApp(
    provider,
    { messageSender: inbox, oauthTimeoutSeconds: 5 },
    env,
    beforeInit,
  );
  return { ...running, inbox };
}

describe('a host that sets app.setGlobalPrefix("api") (sample: GLOBAL_PREFIX=api)', () => {
  let provider: LocalOAuthServer;
  let app: Running;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    app = await startApp(provider, { GLOBAL_PREFIX: 'api' });
  });
  afterAll(async () => {
    await app?.t.close();
    await provider?.stop();
  });

  it('serves the API under /api only: sign-up, sign-in and GET /api/me work; the root paths are 404', async () => {
    const { http } = app.t;
    const email = uniqueEmail('prefix');
    const created = await http.post('/api/auth/signup').send({ email, password: GOOD_PASSWORD });
    expect(created.status).toBe(201);
    const me = await http.get('/api/me').set(bearer(created.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: created.body.user.id, primaryEmail: email });
    await http.post('/api/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);

    // Nothing of the library is left at the root.
    const rootMe = await http.get('/me').set(bearer(created.body.accessToken));
    expect(rootMe.status).toBe(404);
    for (const path of ['/auth/signup', '/auth/login', '/auth/password/forgot'])
      expect((await http.post(path).send({ email, password: GOOD_PASSWORD })).status).toBe(404);
    expect((await http.get('/oauth/google')).status).toBe(404);
    expect((await http.get('/account/sign-in')).status).toBe(404);
    expect((await http.post('/account/session/refresh')).status).toBe(404);
    // The sample keeps its health checks at the root (excluded from the prefix).
    await http.get('/health/live').expect(200);
    expect((await http.get('/api/health/live')).status).toBe(404);
  });

  it('OAuth: redirect_uri is the callback under /api, the round trip comes back with a code that /api/auth/oauth/exchange takes', async () => {
    provider.googlePerson = {
      sub: `g-prefix-${Date.now()}`,
      name: 'Grace Hopper',
      email: uniqueEmail('grace'),
      email_verified: true,
    };
    const browser = new Browser();
    const start = `${app.base}/api/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`;
    const { stoppedAt, hops, last } = await browser.navigate(start, FRONT_END);
    if (!stoppedAt) throw new Error(`flow did not come back: ${last.status} ${last.body}`);
    const authorize = new URL(hops[1]);
    expect(authorize.origin).toBe(provider.url);
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      `${app.base}/api/oauth/google/callback`,
    );
    // The provider sent the browser to the prefixed callback, which answered.
    expect(new URL(hops[2]).pathname).toBe('/api/oauth/google/callback');
    expect(stoppedAt.origin + stoppedAt.pathname).toBe(RETURN_TO);
    const code = stoppedAt.searchParams.get('code');
    expect(code).toEqual(expect.any(String));
    const tokens = await app.t.http
      .post('/api/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(app.base))
      .send({ code })
      .expect(200);
    const me = await app.t.http.get('/api/me').set(bearer(tokens.body.accessToken)).expect(200);
    expect(me.body.primaryEmail).toBe(provider.googlePerson.email);
  });

  it('linking: externalVerificationRedirectURL starts the round trip under /api and links the account', async () => {
    const account = await signUpUnderPrefix(app.t);
    provider.googlePerson = {
      sub: `g-link-${Date.now()}`,
      name: 'Prefix Cat',
      email: uniqueEmail('linked'),
      email_verified: true,
    };
    const started = await app.t.http
      .post('/api/me/external-accounts')
      .set(bearer(account.accessToken))
      .send({ provider: 'google', redirectUrl: RETURN_TO })
      .expect(201);
    const url = new URL(started.body.externalVerificationRedirectURL);
    expect(url.origin + url.pathname).toBe(`${app.base}/api/oauth/google`);
    const browser = new Browser();
    browser.receive(app.base, started.headers['set-cookie']);
    const { stoppedAt } = await browser.navigate(url.href, FRONT_END);
    expect(stoppedAt?.searchParams.get('linked')).toBe('google');
    const me = await app.t.http.get('/api/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.externalAccounts).toEqual([
      expect.objectContaining({ provider: 'google', providerUserId: provider.googlePerson.sub }),
    ]);
  });

  it('the password-reset link carries the prefix (the pages reset form), and the token works at /api/auth/password/reset', async () => {
    const account = await signUpUnderPrefix(app.t);
    await app.t.http.post('/api/auth/password/forgot').send({ email: account.email }).expect(202);
    const message = await app.inbox.waitForResetLink(account.email);
    const link = new URL(message.link);
    expect(link.origin + link.pathname).toBe(`${app.base}/api/account/reset-password`);
    const token = link.searchParams.get('token');
    await app.t.http
      .post('/api/auth/password/reset')
      .send({ token, password: NEW_PASSWORD })
      .expect(204);
    await app.t.http
      .post('/api/auth/login')
      .send({ email: account.email, password: NEW_PASSWORD })
      .expect(200);
  });

  it('the pages: served at /api/account with basePath /api/account and apiBaseUrl /api; the refresh cookie is scoped to /api/account/session and works there', async () => {
    const page = await app.t.http.get('/api/account/sign-in').expect(200);
    expect(page.text).toContain('<base href="/api/account/"');
    expect(pageConfig(page.text)).toMatchObject({
      basePath: '/api/account',
      apiBaseUrl: '/api',
      // The sample imports UserPasskeysModule: the pages offer passkeys (its core registration).
      passkeys: true,
    });
    // Its script and style load from under the base.
    await app.t.http.get('/api/account/app.js').expect(200);

    const cookieMode = { 'X-UserKit-Session': 'cookie', Origin: app.base };
    const created = await app.t.http
      .post('/api/auth/signup')
      .set(cookieMode)
      .send({ email: uniqueEmail('pages'), password: GOOD_PASSWORD })
      .expect(201);
    expect(created.body.refreshToken).toBeUndefined();
    const setCookie = refreshSetCookie(created.headers);
    expect(setCookie).toMatch(/; Path=\/api\/account\/session(;|$)/);
    const refreshed = await app.t.http
      .post('/api/account/session/refresh')
      .set(cookieMode)
      .set('Cookie', setCookie.split(';')[0])
      .expect(200);
    expect(refreshed.body.user.id).toBe(created.body.user.id);
    expect(refreshSetCookie(refreshed.headers)).toMatch(/; Path=\/api\/account\/session(;|$)/);
    const logout = await app.t.http
      .post('/api/account/session/logout')
      .set(cookieMode)
      .set('Cookie', refreshSetCookie(refreshed.headers).split(';')[0])
      .expect(204);
    expect(refreshSetCookie(logout.headers)).toMatch(/Max-Age=0; Path=\/api\/account\/session/);
  });

  it('OAuth may return to the pages under the prefix, not to where they would be without it', async () => {
    const pages = `${app.base}/api/account/sign-in`;
    const allowed = await app.t.http.get(
      `/api/oauth/google?redirect_url=${encodeURIComponent(pages)}`,
    );
    expect(allowed.status).toBe(302);
    const unprefixed = await app.t.http.get(
      `/api/oauth/google?redirect_url=${encodeURIComponent(`${app.base}/account/sign-in`)}`,
    );
    expect(unprefixed.status).toBe(400);
  });

  it('profile images get a URL under the prefix, served there', async () => {
    const account = await signUpUnderPrefix(app.t);
    const uploaded = await app.t.http
      .put('/api/me/profile-image')
      .set(bearer(account.accessToken))
      .attach('file', PNG, { filename: 'me.png', contentType: 'image/png' })
      .expect(200);
    expect(uploaded.body.url).toBe(`${app.base}/api/profile-images/${uploaded.body.id}`);
    const image = await app.t.http.get(new URL(uploaded.body.url).pathname).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
  });

  it('Swagger lists the routes under /api', async () => {
    const document = (await app.t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/auth/signup', '/api/me', '/api/oauth/{provider}/callback']),
    );
    expect(document.paths['/auth/signup']).toBeUndefined();
  });
});

describe('a global prefix whose exclude lists a library route', () => {
  let provider: LocalOAuthServer;
  let app: Running;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    // The OAuth callback stays at the root (e.g. already registered at the providers as such).
    app = await startApp(provider, {}, (nest) =>
      nest.setGlobalPrefix('api', {
        exclude: [{ path: 'oauth/:provider/callback', method: RequestMethod.GET }],
      }),
    );
  });
  afterAll(async () => {
    await app?.t.close();
    await provider?.stop();
  });

  it('builds the excluded callback without the prefix and everything else with it', async () => {
    provider.googlePerson = {
      sub: `g-exclude-${Date.now()}`,
      name: 'Excluded Callback',
      email: uniqueEmail('exclude'),
      email_verified: true,
    };
    const start = `${app.base}/api/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`;
    const { stoppedAt, hops } = await new Browser().navigate(start, FRONT_END);
    expect(new URL(hops[1]).searchParams.get('redirect_uri')).toBe(
      `${app.base}/oauth/google/callback`,
    );
    expect(stoppedAt?.searchParams.get('code')).toEqual(expect.any(String));
    const page = await app.t.http.get('/api/account/sign-in').expect(200);
    expect(pageConfig(page.text)).toMatchObject({ basePath: '/api/account', apiBaseUrl: '/api' });
  });
});

/** A user signed up through /api/auth/signup. */
async function signUpUnderPrefix(t: TestApp) {
  const email = uniqueEmail('prefix');
  const response = await t.http.post('/api/auth/signup').send({ email, password: GOOD_PASSWORD });
  expect(response.status).toBe(201);
  return { email, accessToken: response.body.accessToken as string };
}
