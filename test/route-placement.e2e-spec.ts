// A host that places UserModule's routes with Nest's other tools besides the global prefix: a
// RouterModule path and URI versioning. The URLs the library builds (OAuth callback, link start,
// reset links, the pages' base and API base, the refresh cookie's Path, profile image URLs) follow.
import { UserOAuthModule } from '@userkit/user/oauth';
import { UserPagesModule } from '@userkit/user/pages';
import { UserProfileImagesModule } from '@userkit/user/profile-images';
import { UserTokenTemplatesModule } from '@userkit/user/token-templates';
import { VERSION_NEUTRAL, VersioningType, type INestApplication } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { UserModule } from '@userkit/user';
import { readOAuthProviders } from '../apps/sample/src/oauth-provider-config.js';
import { startBareHost } from './support/bare-host.js';
import { Browser, freePort } from './support/browser.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import type { Http } from './support/http.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { ensureUiBuilt, pageConfig, refreshSetCookie } from './support/pages.js';
import { TEST_JWT_SECRET } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, uniqueEmail } from './support/users.js';

const FRONT_END = 'http://127.0.0.1:5173';
const RETURN_TO = `${FRONT_END}/auth/done`;

/** A real 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Host {
  app: INestApplication;
  http: Http;
  base: string;
  inbox: CapturingMessageSender;
  close(): Promise<void>;
}

/**
 * A host of its own (not the sample): UserModule with the pages at /account, profile images, the
 * JWKS and Google pointed at the local provider, optionally under a RouterModule path; `shape`
 * sets prefix and versioning.
 */
async function startHost(
  provider: LocalOAuthServer,
  routerPath: string | null,
  shape: (app: INestApplication) => void,
): Promise<Host> {
  ensureUiBuilt();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const inbox = new CapturingMessageSender();
  const pages = UserPagesModule.forRoot({ path: '/account' });
  const host = await startBareHost({
    userModule: UserModule.forRoot({
      tokenSecret: TEST_JWT_SECRET,
      rateLimits: false,
      publicUrl: base,
      messageSender: inbox,
    }),
    imports: [
      UserOAuthModule.forRoot({
        providers: readOAuthProviders(provider.env()),
        redirectAllowList: [`${FRONT_END}/auth`],
        timeoutSeconds: 5,
      }),
      pages,
      UserProfileImagesModule.forRoot({}),
      UserTokenTemplatesModule.forRoot({}),
      // Every UserKit module under the same path: the links they build assume one place.
      ...(routerPath
        ? [
            RouterModule.register([
              { path: routerPath, module: UserModule },
              { path: routerPath, module: UserOAuthModule },
              { path: routerPath, module: UserPagesModule },
              { path: routerPath, module: UserProfileImagesModule },
              { path: routerPath, module: UserTokenTemplatesModule },
            ]),
          ]
        : []),
    ],
    beforeInit: shape,
    listenPort: port,
  });
  return { ...host, base, inbox };
}

describe('RouterModule path "identity", URI versioning (default version 1) and the prefix "api"', () => {
  const API = '/api/v1/identity';
  let provider: LocalOAuthServer;
  let host: Host;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    host = await startHost(provider, 'identity', (app) => {
      app.setGlobalPrefix('api');
      app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
    });
  });
  afterAll(async () => {
    await host?.close();
    await provider?.stop();
  });

  async function signUpPlaced() {
    const email = uniqueEmail('placed');
    const response = await host.http
      .post(`${API}/auth/signup`)
      .send({ email, password: GOOD_PASSWORD });
    expect(response.status).toBe(201);
    return { email, accessToken: response.body.accessToken as string };
  }

  it('serves the API at /api/v1/identity only', async () => {
    const account = await signUpPlaced();
    const me = await host.http.get(`${API}/me`).set(bearer(account.accessToken)).expect(200);
    expect(me.body.primaryEmail).toBe(account.email);
    for (const path of ['/me', '/api/me', '/api/v1/me', '/api/identity/me', '/v1/identity/me'])
      expect((await host.http.get(path).set(bearer(account.accessToken))).status).toBe(404);
  });

  it('OAuth: redirect_uri is the callback under /api/v1/identity; the round trip signs in', async () => {
    provider.googlePerson = {
      sub: `g-placed-${Date.now()}`,
      name: 'Placed Person',
      email: uniqueEmail('placed-google'),
      email_verified: true,
    };
    const start = `${host.base}${API}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`;
    const browser = new Browser();
    const { stoppedAt, hops, last } = await browser.navigate(start, FRONT_END);
    if (!stoppedAt) throw new Error(`flow did not come back: ${last.status} ${last.body}`);
    expect(new URL(hops[1]).searchParams.get('redirect_uri')).toBe(
      `${host.base}${API}/oauth/google/callback`,
    );
    expect(new URL(hops[2]).pathname).toBe(`${API}/oauth/google/callback`);
    const code = stoppedAt.searchParams.get('code');
    expect(code).toEqual(expect.any(String));
    const tokens = await host.http
      .post(`${API}/auth/oauth/exchange`)
      .set('Cookie', browser.cookieHeader(host.base))
      .send({ code })
      .expect(200);
    const me = await host.http.get(`${API}/me`).set(bearer(tokens.body.accessToken)).expect(200);
    expect(me.body.primaryEmail).toBe(provider.googlePerson.email);
  });

  it('linking starts at /api/v1/identity/oauth/google', async () => {
    const account = await signUpPlaced();
    const started = await host.http
      .post(`${API}/me/external-accounts`)
      .set(bearer(account.accessToken))
      .send({ provider: 'google', redirectUrl: RETURN_TO })
      .expect(201);
    const url = new URL(started.body.externalVerificationRedirectURL);
    expect(url.origin + url.pathname).toBe(`${host.base}${API}/oauth/google`);
  });

  it('the pages: basePath /api/v1/identity/account, apiBaseUrl /api/v1/identity, the cookie and reset links under them', async () => {
    const page = await host.http.get(`${API}/account/sign-in`).expect(200);
    expect(page.text).toContain(`<base href="${API}/account/"`);
    expect(pageConfig(page.text)).toMatchObject({
      basePath: `${API}/account`,
      apiBaseUrl: API,
      // The sign-in buttons: UserOAuthModule's enabled providers, read by the pages' core token.
      providers: ['google', 'github'],
      // No UserPasskeysModule in this host: no passkey button nor panel.
      passkeys: false,
    });
    await host.http.get(`${API}/account/app.js`).expect(200);

    const cookieMode = { 'X-UserKit-Session': 'cookie', Origin: host.base };
    const email = uniqueEmail('placed-pages');
    const created = await host.http
      .post(`${API}/auth/signup`)
      .set(cookieMode)
      .send({ email, password: GOOD_PASSWORD })
      .expect(201);
    const setCookie = refreshSetCookie(created.headers);
    expect(setCookie).toMatch(new RegExp(`; Path=${API}/account/session(;|$)`));
    await host.http
      .post(`${API}/account/session/refresh`)
      .set(cookieMode)
      .set('Cookie', setCookie.split(';')[0])
      .expect(200);

    await host.http.post(`${API}/auth/password/forgot`).send({ email }).expect(202);
    const link = new URL((await host.inbox.waitForResetLink(email)).link);
    expect(link.origin + link.pathname).toBe(`${host.base}${API}/account/reset-password`);
    // OAuth may return to the pages where they are.
    const back = await host.http.get(
      `${API}/oauth/google?redirect_url=${encodeURIComponent(`${host.base}${API}/account/sign-in`)}`,
    );
    expect(back.status).toBe(302);
  });

  it('profile images get a URL under /api/v1/identity, served there', async () => {
    const account = await signUpPlaced();
    const uploaded = await host.http
      .put(`${API}/me/profile-image`)
      .set(bearer(account.accessToken))
      .attach('file', PNG, { filename: 'me.png', contentType: 'image/png' })
      .expect(200);
    expect(uploaded.body.url).toBe(`${host.base}${API}/profile-images/${uploaded.body.id}`);
    await host.http.get(new URL(uploaded.body.url).pathname).expect(200);
  });
});

describe('URI versioning with prefix "version-", default versions ["2", "3"], no global prefix', () => {
  let provider: LocalOAuthServer;
  let host: Host;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    host = await startHost(provider, null, (app) =>
      app.enableVersioning({
        type: VersioningType.URI,
        prefix: 'version-',
        defaultVersion: ['2', '3'],
      }),
    );
  });
  afterAll(async () => {
    await host?.close();
    await provider?.stop();
  });

  it('serves under each version and builds URLs with the first', async () => {
    await host.http.get('/version-2/.well-known/jwks.json').expect(200);
    await host.http.get('/version-3/.well-known/jwks.json').expect(200);
    const start = await host.http.get(
      `/version-3/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
    );
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.location as string);
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      `${host.base}/version-2/oauth/google/callback`,
    );
    const page = await host.http.get('/version-2/account/sign-in').expect(200);
    expect(pageConfig(page.text)).toMatchObject({
      basePath: '/version-2/account',
      apiBaseUrl: '/version-2',
    });
  });
});

describe('URI versioning whose default includes VERSION_NEUTRAL', () => {
  let provider: LocalOAuthServer;
  let host: Host;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    host = await startHost(provider, null, (app) =>
      app.enableVersioning({ type: VersioningType.URI, defaultVersion: [VERSION_NEUTRAL, '1'] }),
    );
  });
  afterAll(async () => {
    await host?.close();
    await provider?.stop();
  });

  it('builds the URLs without a version (the routes answer there too)', async () => {
    const start = await host.http.get(
      `/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
    );
    expect(start.status).toBe(302);
    expect(new URL(start.headers.location as string).searchParams.get('redirect_uri')).toBe(
      `${host.base}/oauth/google/callback`,
    );
    await host.http.get('/v1/.well-known/jwks.json').expect(200);
    const page = await host.http.get('/account/sign-in').expect(200);
    expect(pageConfig(page.text)).toMatchObject({ basePath: '/account', apiBaseUrl: '' });
  });
});
