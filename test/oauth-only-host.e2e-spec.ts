// A host that imports the core and UserOAuthModule only: OAuth sign-in works end to end through
// the local provider, the two-factor routes are absent, and a user who turned 2FA on elsewhere
// gets 403 SECOND_FACTOR_UNAVAILABLE at the exchange instead of tokens.
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { UserModule } from '@userkit/user';
import { UserOAuthModule } from '@userkit/user/oauth';
import { readOAuthProviders } from '../apps/sample/src/oauth-provider-config.js';
import { startBareHost, type BareHost } from './support/bare-host.js';
import { Browser, freePort } from './support/browser.js';
import { sql } from './support/database-access.js';
import { conformingHttp, type Http } from './support/http.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { OpenApiConformance } from './support/openapi-conformance.js';
import { TEST_JWT_SECRET } from './support/test-app.js';
import { bearer, uniqueEmail } from './support/users.js';

const FRONT_END = 'http://127.0.0.1:5173';
const RETURN_TO = `${FRONT_END}/auth/done`;

describe('a host with the core and UserOAuthModule only', () => {
  let provider: LocalOAuthServer;
  let host: BareHost;
  let http: Http;
  let base: string;
  let paths: string[];

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    host = await startBareHost({
      userModule: UserModule.forRoot({
        tokenSecret: TEST_JWT_SECRET,
        rateLimits: false,
        publicUrl: base,
      }),
      imports: [
        UserOAuthModule.forRoot({
          providers: readOAuthProviders(provider.env()),
          redirectAllowList: [`${FRONT_END}/auth`],
          timeoutSeconds: 5,
        }),
      ],
      listenPort: port,
    });
    const document = SwaggerModule.createDocument(
      host.app as INestApplication,
      new DocumentBuilder().addBearerAuth().build(),
    ) as unknown as Record<string, unknown>;
    paths = Object.keys(document.paths as object);
    // Every answer below is also checked against this host's own OpenAPI document.
    http = conformingHttp(host.app.getHttpServer(), new OpenApiConformance(document));
  });
  afterAll(async () => {
    await host?.close();
    await provider?.stop();
  });

  /** Google round trip in a cookie-keeping browser; answers the exchange's response. */
  async function signInWithGoogle(person: Record<string, unknown>) {
    provider.googlePerson = person;
    const browser = new Browser();
    const start = `${base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`;
    const { stoppedAt, last } = await browser.navigate(start, FRONT_END);
    if (!stoppedAt) throw new Error(`flow did not come back: ${last.status} ${last.body}`);
    return http
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(base))
      .send({ code: stoppedAt.searchParams.get('code') });
  }

  it('signs a new user in through Google, the account linked', async () => {
    const email = uniqueEmail('oauth-only');
    const tokens = await signInWithGoogle({
      sub: `g-oauth-only-${Date.now()}`,
      name: 'Only OAuth',
      email,
      email_verified: true,
    });
    expect(tokens.status).toBe(200);
    const me = await http.get('/me').set(bearer(tokens.body.accessToken)).expect(200);
    expect(me.body.primaryEmail).toBe(email);
    expect(
      me.body.externalAccounts.map((account: { provider: string }) => account.provider),
    ).toEqual(['google']);
  });

  it('has no two-factor routes: they answer 404 and are not documented', async () => {
    const tokens = await signInWithGoogle({
      sub: `g-oauth-only-404-${Date.now()}`,
      email: uniqueEmail('oauth-only-404'),
      email_verified: true,
    });
    for (const [method, path] of [
      ['post', '/me/2fa/totp'],
      ['post', '/me/2fa/totp/verify'],
      ['delete', '/me/2fa'],
      ['post', '/auth/login/2fa'],
    ] as const) {
      const answer = await http[method](path)
        .set(bearer(tokens.body.accessToken))
        .send({ code: '123456', challenge: 'x' });
      expect({ route: `${method} ${path}`, status: answer.status }).toEqual({
        route: `${method} ${path}`,
        status: 404,
      });
    }
    expect(paths.filter((path) => path.includes('2fa'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['/auth/oauth/exchange', '/oauth/{provider}']));
  });

  it('refuses a user with 2FA on at the exchange: 403 SECOND_FACTOR_UNAVAILABLE, never tokens', async () => {
    const person = {
      sub: `g-oauth-only-2fa-${Date.now()}`,
      email: uniqueEmail('oauth-only-2fa'),
      email_verified: true,
    };
    const first = await signInWithGoogle(person);
    expect(first.status).toBe(200);
    await sql(host.app, 'update userkit_users set two_factor_enabled = ? where id = ?', [
      true,
      first.body.user.id,
    ]);
    const refused = await signInWithGoogle(person);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('SECOND_FACTOR_UNAVAILABLE');
    expect(refused.body).not.toHaveProperty('accessToken');
    expect(refused.body).not.toHaveProperty('challenge');
  });
});
