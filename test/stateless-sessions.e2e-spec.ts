import { UserModule } from '@userkit/user';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startBareHost } from './support/bare-host.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

/** The access-token lifetime of these apps: the revocation window, short so the test can wait it out. */
const TTL_SECONDS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `sessionValidation: 'stateless'`: the guard checks the token's signature and expiry only, so a
 * logout, a ban or a role change reaches an access token at the next refresh (the revocation
 * window, the token's lifetime), while the refresh itself reads the database and refuses at once.
 * `/hello/admin` is a host route that reads only the token's claims (`@CurrentUser('id')`).
 */
describe("stateless sessions (sessionValidation: 'stateless')", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      overrides: { sessionValidation: 'stateless', accessTokenTtlSeconds: TTL_SECONDS },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('issues access tokens of the configured lifetime, carrying the sign-in time', async () => {
    const member = await signUp(t.http);
    const claims = JSON.parse(
      Buffer.from(member.accessToken.split('.')[1], 'base64url').toString('utf8'),
    );
    expect(claims.exp - claims.iat).toBe(TTL_SECONDS);
    expect(Math.abs(claims.auth_time - claims.iat)).toBeLessThanOrEqual(1);
  });

  it('logout: the access token works until it expires, then 401; the refresh is refused at once', async () => {
    const admin = await signInAdmin(t.http);
    const issuedAt = Date.now();
    await t.http.get('/hello/admin').set(bearer(admin.accessToken)).expect(200);
    await t.http.post('/auth/logout').send({ refreshToken: admin.refreshToken }).expect(204);

    // Within the window: the guard reads no database, so the ended session's token still passes.
    await t.http.get('/hello/admin').set(bearer(admin.accessToken)).expect(200);
    // A route that reads the user (GET /me loads the row) sees the ended session at once.
    const me = await t.http.get('/me').set(bearer(admin.accessToken)).expect(401);
    expect(me.body.code).toBe('SESSION_REVOKED');
    const refused = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: admin.refreshToken })
      .expect(401);
    expect(refused.body.code).toBe('INVALID_REFRESH_TOKEN');

    // After the token's expiry (seconds, plus one for the rounding of `exp`): refused.
    await sleep(Math.max(0, issuedAt + (TTL_SECONDS + 1) * 1000 - Date.now()));
    const expired = await t.http.get('/hello/admin').set(bearer(admin.accessToken)).expect(401);
    expect(expired.body.code).toBe('SESSION_REVOKED');
  });

  it('a role change is seen at the next refresh, not before', async () => {
    const admin = await signInAdmin(t.http);
    const member = await signUp(t.http);
    await t.http.get('/hello/admin').set(bearer(member.accessToken)).expect(403);
    await t.http
      .put(`/admin/users/${member.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user', 'admin'] })
      .expect(200);
    // The token still says `user` only: the role reaches it with the next refresh.
    await t.http.get('/hello/admin').set(bearer(member.accessToken)).expect(403);
    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: member.refreshToken })
      .expect(200);
    expect(refreshed.body.user.roles).toEqual(expect.arrayContaining(['admin', 'user']));
    await t.http.get('/hello/admin').set(bearer(refreshed.body.accessToken)).expect(200);
  });

  it('a ban refuses the refresh at once; GET /me, which loads the user, refuses the token', async () => {
    const admin = await signInAdmin(t.http);
    const member = await signUp(t.http);
    await t.http
      .post(`/admin/users/${member.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .send({})
      .expect(200);
    await t.http.get('/me').set(bearer(member.accessToken)).expect(401);
    await t.http.post('/auth/refresh').send({ refreshToken: member.refreshToken }).expect(401);
  });

  it('GET /me and a host route that loads the user work with a live session', async () => {
    const member = await signUp(t.http, { displayName: 'Stateless Ada' });
    const me = await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
    expect(me.body.id).toBe(member.user.id);
    const hello = await t.http.get('/hello').set(bearer(member.accessToken)).expect(200);
    expect(hello.body).toEqual({ message: 'Hello, Stateless Ada', roles: ['user'] });
  });

  it('a tampered or unsigned token is refused without a database', async () => {
    const member = await signUp(t.http);
    const [header, payload] = member.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString(
      'base64url',
    );
    const tampered = `${header}.${forged}.${member.accessToken.split('.')[2]}`;
    await t.http.get('/hello/admin').set(bearer(tampered)).expect(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await t.http
      .get('/hello/admin')
      .set(bearer(`${none}.${forged}.`))
      .expect(401);
  });

  it('refuses a lifetime over 5 minutes at start, naming the option', async () => {
    const userModule = UserModule.forRootAsync({
      useFactory: () => ({
        tokenSecret: TEST_JWT_SECRET,
        sessionValidation: 'stateless' as const,
        accessTokenTtlSeconds: 301,
      }),
    });
    await expect(startBareHost({ userModule })).rejects.toThrow(
      /accessTokenTtlSeconds must be at most 300 with sessionValidation 'stateless'/,
    );
  });
});
