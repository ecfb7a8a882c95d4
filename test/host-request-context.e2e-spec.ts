// A host that turns MikroORM's per-request context off (`registerRequestContext: false`), so its
// own routes that do not use the ORM fork no EntityManager: the library's routes open their own
// context and work as with the default, under the host's global prefix too; the global guards,
// which run before any context, check a session (and record its use) on the host's own routes.
import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { CurrentUser, Public, Session, UserModule, UsersService } from '@userkit/user';
import { startBareHost, type BareHost } from './support/bare-host.js';
import type { Http } from './support/http.js';
import { TEST_JWT_SECRET } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, uniqueEmail } from './support/users.js';

@Controller()
class HostController {
  @Public()
  @Get('public')
  hello(): { message: string } {
    return { message: 'Hello, anyone' };
  }

  @Get('mine')
  mine(@CurrentUser('id') id: string, @CurrentUser('roles') roles: string[]): object {
    return { id, roles };
  }
}

describe('a host with MikroORM’s request context off (registerRequestContext: false)', () => {
  let host: BareHost;
  let app: INestApplication;
  let http: Http;

  beforeAll(async () => {
    host = await startBareHost({
      orm: { registerRequestContext: false },
      userModule: UserModule.forRoot({
        tokenSecret: TEST_JWT_SECRET,
        rateLimits: false,
        globalGuards: true,
      }),
      controllers: [HostController],
      beforeInit: (nest) => nest.setGlobalPrefix('api'),
    });
    ({ app, http } = host);
  });
  afterAll(async () => {
    await host?.close();
  });

  it('sign-up, sign-in, refresh, /me, its update and sessions, and an admin route work', async () => {
    await http.get('/api/public').expect(200, { message: 'Hello, anyone' });
    const email = uniqueEmail('nocontext');
    const signedUp = await http
      .post('/api/auth/signup')
      .send({ email, password: GOOD_PASSWORD })
      .expect(201);
    const signedIn = await http
      .post('/api/auth/login')
      .send({ email, password: GOOD_PASSWORD })
      .expect(200);
    const refreshed = await http
      .post('/api/auth/refresh')
      .send({ refreshToken: signedIn.body.refreshToken })
      .expect(200);
    const token = refreshed.body.accessToken;
    expect((await http.get('/api/me').set(bearer(token)).expect(200)).body.id).toBe(
      signedUp.body.user.id,
    );
    const updated = await http
      .patch('/api/me')
      .set(bearer(token))
      .send({ firstName: 'Ada' })
      .expect(200);
    expect(updated.body.firstName).toBe('Ada');
    const sessions = await http.get('/api/me/sessions').set(bearer(token)).expect(200);
    expect(sessions.body).toHaveLength(2);

    // The host's own signed-in route: the guard's session check, then its write of the session's
    // last use (due after a minute), with no ORM context open.
    const em = app.get(EntityManager).fork();
    const longAgo = new Date(Date.now() - 3_600_000);
    await em.nativeUpdate(Session, { user: signedUp.body.user.id }, { lastUsedAt: longAgo });
    await http
      .get('/api/mine')
      .set(bearer(token))
      .expect(200, { id: signedUp.body.user.id, roles: ['user'] });
    const touched = await em.find(Session, {
      user: signedUp.body.user.id,
      lastUsedAt: { $gt: longAgo },
    });
    expect(touched).toHaveLength(1);
    await http.get('/api/mine').expect(401);

    const adminEmail = uniqueEmail('nocontext-admin');
    await app.get(UsersService).ensureAdmin(adminEmail, GOOD_PASSWORD);
    const admin = await http
      .post('/api/auth/login')
      .send({ email: adminEmail, password: GOOD_PASSWORD })
      .expect(200);
    const listed = await http
      .get('/api/admin/users')
      .query({ query: email })
      .set(bearer(admin.body.accessToken))
      .expect(200);
    expect(JSON.stringify(listed.body)).toContain(signedUp.body.user.id);
  });
});
