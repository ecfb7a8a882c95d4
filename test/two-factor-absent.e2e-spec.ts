// A host that imports only the core (no UserTwoFactorModule): the 2FA routes are absent, and a
// user who turned 2FA on (a row written by an app that had the module) is refused at sign-in,
// never let in on the password alone: the core never skips a factor the user turned on.
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { UserModule } from '@userkit/user';
import { startBareHost, type BareHost } from './support/bare-host.js';
import { sql } from './support/database-access.js';
import { conformingHttp, type Http } from './support/http.js';
import { OpenApiConformance } from './support/openapi-conformance.js';
import { TEST_JWT_SECRET } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

describe('a host without UserTwoFactorModule', () => {
  let host: BareHost;
  let http: Http;
  let document: { paths: Record<string, unknown> };

  beforeAll(async () => {
    host = await startBareHost({
      userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, rateLimits: false }),
    });
    document = SwaggerModule.createDocument(
      host.app,
      new DocumentBuilder().addBearerAuth().build(),
    ) as unknown as { paths: Record<string, unknown> };
    // Every answer below is also checked against this host's own OpenAPI document.
    http = conformingHttp(
      host.app.getHttpServer(),
      new OpenApiConformance(document as unknown as Record<string, unknown>),
    );
  });
  afterAll(async () => {
    await host?.close();
  });

  async function sessionsOf(userId: string): Promise<number> {
    const [row] = await sql<{ count: number | string }>(
      host.app,
      'select count(*) as count from userkit_sessions where user_id = ?',
      [userId],
    );
    return Number(row!.count);
  }

  it('has no 2FA routes: /me/2fa/... and /auth/login/2fa answer 404 and are not documented', async () => {
    const account = await signUp(http);
    const routes: [method: 'post' | 'delete', path: string, body: object][] = [
      ['post', '/me/2fa/totp', {}],
      ['post', '/me/2fa/totp/verify', { code: '123456' }],
      ['delete', '/me/2fa', { code: '123456' }],
      ['post', '/auth/login/2fa', { challenge: 'x', code: '123456' }],
    ];
    for (const [method, path, body] of routes) {
      const answer = await http[method](path).set(bearer(account.accessToken)).send(body);
      expect({ route: `${method} ${path}`, status: answer.status }).toEqual({
        route: `${method} ${path}`,
        status: 404,
      });
    }
    expect(Object.keys(document.paths).filter((path) => path.includes('2fa'))).toEqual([]);
    expect(Object.keys(document.paths)).toContain('/auth/login');
  });

  it('refuses a user with 2FA on at password sign-in: 403 SECOND_FACTOR_UNAVAILABLE, never tokens', async () => {
    const account = await signUp(http);
    const sessionsBefore = await sessionsOf(account.user.id);
    await sql(host.app, 'update userkit_users set two_factor_enabled = ? where id = ?', [
      true,
      account.user.id,
    ]);
    for (let i = 0; i < 2; i += 1) {
      const refused = await http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(403);
      expect(refused.body.code).toBe('SECOND_FACTOR_UNAVAILABLE');
      expect(refused.body).not.toHaveProperty('accessToken');
      expect(refused.body).not.toHaveProperty('refreshToken');
      expect(refused.body).not.toHaveProperty('challenge');
    }
    expect(await sessionsOf(account.user.id)).toBe(sessionsBefore);
    // The password is still checked first: a wrong one is the usual 401, not a hint about 2FA.
    const wrong = await http
      .post('/auth/login')
      .send({ email: account.email, password: 'not-the-password-at-all-7' })
      .expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    // The same user without 2FA signs in as usual.
    await sql(host.app, 'update userkit_users set two_factor_enabled = ? where id = ?', [
      false,
      account.user.id,
    ]);
    const signedIn = await http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
  });
});
