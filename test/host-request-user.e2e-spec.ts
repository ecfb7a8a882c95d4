import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

/**
 * A host whose own middleware (passport, a gateway) fills `req.user` before our guard runs: the
 * library must not take that object for a principal it authenticated.
 */
describe("a host's own req.user", () => {
  let t: TestApp;
  let adminId: string;
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      beforeInit: (app) =>
        app.use((request: { user?: unknown }, _response: unknown, next: () => void) => {
          if (adminId) {
            request.user = {
              id: adminId,
              sessionId: 'host-session',
              roles: ['admin'],
              isAnonymous: false,
              authenticatedAt: new Date(),
            };
          }
          next();
        }),
    });
    adminId = (await signInAdmin(t.http)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is not a principal: without a token the API answers 401, with one it is the token user', async () => {
    const signedOut = await t.http.get('/me').expect(401);
    expect(signedOut.body.code).toBe('NOT_SIGNED_IN');
    const admin = await t.http.get('/admin/users').expect(401);
    expect(admin.body.code).toBe('NOT_SIGNED_IN');
    const member = await signUp(t.http);
    const me = await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
    expect(me.body.id).toBe(member.user.id);
    await t.http.get('/admin/users').set(bearer(member.accessToken)).expect(403);
  });
});
