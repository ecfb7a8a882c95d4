import jwt from 'jsonwebtoken';
import { ADMIN_ENV, expectAdminOnly, signInAdmin } from '../support/admin.js';
import { sql } from '../support/database-access.js';
import { hearEvents, type HeardEvent } from '../support/heard-events.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail, type SignedUp } from '../support/users.js';

const UNKNOWN_ID = '0190f3f0-0000-7000-8000-000000000000';
const onPostgres = () => process.env.TEST_DB === 'postgres';
/** A datetime as the database stores it (SQLite: epoch milliseconds). */
const stored = (date: Date) => (onPostgres() ? date : date.getTime());

interface Claims {
  sub: string;
  sid: string;
  iss: string;
  iat: number;
  exp: number;
  roles: string[];
  act?: { sub: string };
}

const claimsOf = (token: string) => jwt.decode(token) as Claims;

describe('POST /admin/users/:id/impersonate', () => {
  let t: TestApp;
  let admin: { accessToken: string; refreshToken: string; id: string };
  let heard: HeardEvent[];
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
    heard = hearEvents(t.app, [
      'session.created',
      'user.impersonated',
      'user.updated',
      'admin.action',
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const asAdmin = () => bearer(admin.accessToken);
  const impersonate = (userId: string) =>
    t.http.post(`/admin/users/${userId}/impersonate`).set(asAdmin());

  it('opens a session of the user with the admin as actor: act claim, impersonatedBy on GET /me, evented', async () => {
    const member = await signUp(t.http, { displayName: 'Member M' });
    const mark = heard.length;
    const started = await impersonate(member.user.id).expect(201);
    expect(started.body).toMatchObject({
      tokenType: 'Bearer',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: {
        id: member.user.id,
        displayName: 'Member M',
        impersonatedBy: { id: admin.id, displayName: null, primaryEmail: ADMIN_ENV.ADMIN_EMAIL },
      },
    });
    expect(started.headers['cache-control']).toContain('no-store');
    const claims = claimsOf(started.body.accessToken);
    expect(claims).toMatchObject({ sub: member.user.id, act: { sub: admin.id }, roles: ['user'] });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(started.body.expiresIn);

    const me = await t.http.get('/me').set(bearer(started.body.accessToken)).expect(200);
    expect(me.body.id).toBe(member.user.id);
    expect(me.body.impersonatedBy).toEqual({
      id: admin.id,
      displayName: null,
      primaryEmail: ADMIN_ENV.ADMIN_EMAIL,
    });
    // The user's own session and the admin's own session are untouched, and show no actor.
    const own = await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
    expect(own.body).not.toHaveProperty('impersonatedBy');
    const ownRefresh = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: member.refreshToken })
      .expect(200);
    expect(ownRefresh.body.user).not.toHaveProperty('impersonatedBy');
    expect(claimsOf(member.accessToken).act).toBeUndefined();
    const adminMe = await t.http.get('/me').set(asAdmin()).expect(200);
    expect(adminMe.body).not.toHaveProperty('impersonatedBy');

    const sessionId = claims.sid;
    expect(heard.slice(mark).map((event) => [event.name, event.payload])).toEqual([
      ['session.created', { userId: member.user.id, sessionId }],
      [
        'user.impersonated',
        {
          userId: member.user.id,
          impersonatorId: admin.id,
          sessionId,
          expiresAt: expect.any(String),
        },
      ],
      [
        'admin.action',
        {
          route: 'POST /admin/users/:id/impersonate',
          targetUserId: member.user.id,
          params: { id: member.user.id },
        },
      ],
    ]);
    for (const event of heard.slice(mark)) expect(event.context.actorId).toBe(admin.id);

    // What the admin does as the user is the admin's act: actor the admin, the user named.
    const before = heard.length;
    await t.http
      .patch('/me')
      .set(bearer(started.body.accessToken))
      .send({ firstName: 'Changed' })
      .expect(200);
    const updated = heard.slice(before).filter((event) => event.name === 'user.updated');
    expect(updated).toHaveLength(1);
    expect(updated[0].payload).toEqual({ userId: member.user.id, changes: ['firstName'] });
    expect(updated[0].context).toMatchObject({
      actorId: admin.id,
      actorSessionId: sessionId,
      impersonatedUserId: member.user.id,
    });

    // Recorded in the audit log with the admin as actor.
    const trail = await t.http
      .get('/admin/audit-log')
      .query({ userId: member.user.id, type: 'user.impersonated' })
      .set(asAdmin())
      .expect(200);
    expect(trail.body.data).toEqual([
      expect.objectContaining({
        type: 'user.impersonated',
        userId: member.user.id,
        actorId: admin.id,
        sessionId,
        details: { impersonatorId: admin.id, expiresAt: expect.any(String) },
      }),
    ]);

    // Ends like any session: logout with its refresh token.
    await t.http.post('/auth/logout').send({ refreshToken: started.body.refreshToken }).expect(204);
    await t.http.get('/me').set(bearer(started.body.accessToken)).expect(401);
  });

  it('lives an hour at most: refreshes keep the actor and never pass the end', async () => {
    const member = await signUp(t.http);
    const started = await impersonate(member.user.id).expect(201);
    const { sid } = claimsOf(started.body.accessToken);
    const [row] = await sql<{ created_at: unknown; expires_at: unknown }>(
      t.app,
      'select created_at, expires_at from userkit_sessions where id = ?',
      [sid],
    );
    const lifetime =
      new Date(row.expires_at as string).getTime() - new Date(row.created_at as string).getTime();
    expect(lifetime).toBe(3600 * 1000);

    // 100 s left: the refreshed access token ends with the session, and keeps the actor.
    await sql(t.app, 'update userkit_sessions set expires_at = ? where id = ?', [
      stored(new Date(Date.now() + 100_000)),
      sid,
    ]);
    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: started.body.refreshToken })
      .expect(200);
    expect(refreshed.body.expiresIn).toBeLessThanOrEqual(100);
    expect(refreshed.body.user.impersonatedBy).toMatchObject({ id: admin.id });
    const claims = claimsOf(refreshed.body.accessToken);
    expect(claims.act).toEqual({ sub: admin.id });
    expect(claims.exp).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 100);
    const me = await t.http.get('/me').set(bearer(refreshed.body.accessToken)).expect(200);
    expect(me.body.impersonatedBy.id).toBe(admin.id);

    // Past the end: neither the access token nor a refresh work.
    await sql(t.app, 'update userkit_sessions set expires_at = ? where id = ?', [
      stored(new Date(Date.now() - 1000)),
      sid,
    ]);
    await t.http.get('/me').set(bearer(refreshed.body.accessToken)).expect(401);
    const expired = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: refreshed.body.refreshToken })
      .expect(401);
    expect(expired.body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('refuses the sensitive routes while impersonating: 403 IMPERSONATION_REFUSED', async () => {
    const member = await signUp(t.http);
    const started = await impersonate(member.user.id).expect(201);
    const asImpersonator = bearer(started.body.accessToken);
    const routes: [method: 'get' | 'post' | 'delete', path: string, body: object][] = [
      ['post', '/me/password', { currentPassword: GOOD_PASSWORD, newPassword: 'x-new-pass-9876' }],
      ['post', '/me/2fa/totp', {}],
      ['post', '/me/2fa/totp/verify', { code: '123456' }],
      ['delete', '/me/2fa', { code: '123456' }],
      ['post', '/me/emails', { email: uniqueEmail('added') }],
      ['post', '/me/phones', { phoneNumber: '+14155550123' }],
      ['post', '/me/external-accounts', { provider: 'google', redirectUrl: 'http://x.test/' }],
      ['delete', `/me/external-accounts/${UNKNOWN_ID}`, {}],
      ['post', '/me/upgrade', { email: uniqueEmail('up'), password: GOOD_PASSWORD }],
      ['get', '/me/tokens/demo', {}],
    ];
    for (const [method, path, body] of routes) {
      const request = t.http[method](path).set(asImpersonator);
      const answer = method === 'get' ? await request : await request.send(body);
      expect({ route: `${method} ${path}`, status: answer.status, code: answer.body.code }).toEqual(
        { route: `${method} ${path}`, status: 403, code: 'IMPERSONATION_REFUSED' },
      );
    }
    // Nothing changed: the user's own password still signs in, nothing was added.
    await t.http
      .post('/auth/login')
      .send({ email: member.email, password: GOOD_PASSWORD })
      .expect(200);
    const me = await t.http.get('/me').set(asImpersonator).expect(200);
    expect(me.body.emailAddresses).toHaveLength(1);
    expect(me.body.phoneNumbers).toEqual([]);
    // The user themselves is not refused (a wrong current password is the next check).
    const own = await t.http
      .post('/me/password')
      .set(bearer(member.accessToken))
      .send({ currentPassword: 'not-the-password-123', newPassword: 'x-new-pass-9876' })
      .expect(400);
    expect(own.body.code).toBe('INVALID_CURRENT_PASSWORD');
    await t.http.get('/me/tokens/demo').set(bearer(member.accessToken)).expect(200);
    // And the impersonation session reaches no admin route (the user is no admin).
    await t.http.get('/admin/users').set(asImpersonator).expect(403);
  });

  it('never for an admin (403 CANNOT_IMPERSONATE_ADMIN), yourself included; 409 USER_BANNED; 404', async () => {
    const other = await t.http
      .post('/admin/users')
      .set(asAdmin())
      .send({ email: uniqueEmail('admin2'), password: GOOD_PASSWORD, roles: ['admin'] })
      .expect(201);
    for (const id of [other.body.id, admin.id]) {
      const refused = await impersonate(id).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'CANNOT_IMPERSONATE_ADMIN' });
    }
    const banned = await signUp(t.http);
    await t.http.post(`/admin/users/${banned.user.id}/ban`).set(asAdmin()).expect(200);
    const refusedBanned = await impersonate(banned.user.id).expect(409);
    expect(refusedBanned.body.code).toBe('USER_BANNED');
    for (const id of [UNKNOWN_ID, 'no.such.id']) {
      const unknown = await impersonate(id).expect(404);
      expect(unknown.body.code).toBe('USER_NOT_FOUND');
    }
    const member = await signUp(t.http);
    await t.http
      .post(`/admin/users/${member.user.id}/impersonate`)
      .set(asAdmin())
      .send({ minutes: 5 })
      .expect(400);
    await expectAdminOnly(t.http, 'post', `/admin/users/${member.user.id}/impersonate`, null);
  });

  it('ends when the user becomes an admin, the admin stops being one or is banned, or the user is banned', async () => {
    const promoted = await signUp(t.http);
    const first = await impersonate(promoted.user.id).expect(201);
    await t.http
      .put(`/admin/users/${promoted.user.id}/roles`)
      .set(asAdmin())
      .send({ roles: ['user', 'admin'] })
      .expect(200);
    await t.http.get('/me').set(bearer(first.body.accessToken)).expect(401);
    await t.http.get('/admin/users').set(bearer(first.body.accessToken)).expect(401);

    // A second admin impersonates, then loses the admin role.
    const secondEmail = uniqueEmail('admin3');
    const second = await t.http
      .post('/admin/users')
      .set(asAdmin())
      .send({ email: secondEmail, password: GOOD_PASSWORD, roles: ['admin'] })
      .expect(201);
    const secondLogin = await t.http
      .post('/auth/login')
      .send({ email: secondEmail, password: GOOD_PASSWORD })
      .expect(200);
    const member = await signUp(t.http);
    const bySecond = await t.http
      .post(`/admin/users/${member.user.id}/impersonate`)
      .set(bearer(secondLogin.body.accessToken))
      .expect(201);
    await t.http.get('/me').set(bearer(bySecond.body.accessToken)).expect(200);
    await t.http
      .put(`/admin/users/${second.body.id}/roles`)
      .set(asAdmin())
      .send({ roles: ['user'] })
      .expect(200);
    await t.http.get('/me').set(bearer(bySecond.body.accessToken)).expect(401);
    const refresh = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: bySecond.body.refreshToken })
      .expect(401);
    expect(refresh.body.code).toBe('INVALID_REFRESH_TOKEN');

    // A third admin impersonates, then is banned.
    const thirdEmail = uniqueEmail('admin4');
    const thirdAdmin = await t.http
      .post('/admin/users')
      .set(asAdmin())
      .send({ email: thirdEmail, password: GOOD_PASSWORD, roles: ['admin'] })
      .expect(201);
    const thirdLogin = await t.http
      .post('/auth/login')
      .send({ email: thirdEmail, password: GOOD_PASSWORD })
      .expect(200);
    const byThird = await t.http
      .post(`/admin/users/${member.user.id}/impersonate`)
      .set(bearer(thirdLogin.body.accessToken))
      .expect(201);
    await t.http.get('/me').set(bearer(byThird.body.accessToken)).expect(200);
    await t.http.post(`/admin/users/${thirdAdmin.body.id}/ban`).set(asAdmin()).expect(200);
    await t.http.get('/me').set(bearer(byThird.body.accessToken)).expect(401);

    const banned = await signUp(t.http);
    const third = await impersonate(banned.user.id).expect(201);
    await t.http.post(`/admin/users/${banned.user.id}/ban`).set(asAdmin()).expect(200);
    await t.http.get('/me').set(bearer(third.body.accessToken)).expect(401);
  });

  it('the session decides, not the token: an actor added to or dropped from a token is refused', async () => {
    const member: SignedUp = await signUp(t.http);
    const own = claimsOf(member.accessToken);
    const forge = (claims: Record<string, unknown>) =>
      jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
    // A valid signature (the test knows the secret), the user's own session, an actor added.
    const withActor = forge({
      sub: own.sub,
      sid: own.sid,
      roles: own.roles,
      iss: own.iss,
      act: { sub: admin.id },
    });
    await t.http.get('/me').set(bearer(withActor)).expect(401);
    // The same token without the actor passes: the forgery above failed on the actor alone.
    const control = forge({ sub: own.sub, sid: own.sid, roles: own.roles, iss: own.iss });
    await t.http.get('/me').set(bearer(control)).expect(200);
    // An impersonation session's token with the actor dropped, or another admin named.
    const started = await impersonate(member.user.id).expect(201);
    const impersonated = claimsOf(started.body.accessToken);
    const base = {
      sub: impersonated.sub,
      sid: impersonated.sid,
      roles: impersonated.roles,
      iss: impersonated.iss,
    };
    await t.http
      .get('/me')
      .set(bearer(forge(base)))
      .expect(401);
    await t.http
      .get('/me')
      .set(bearer(forge({ ...base, act: { sub: member.user.id } })))
      .expect(401);
    await t.http
      .get('/me')
      .set(bearer(forge({ ...base, act: 'admin' })))
      .expect(401);
    await t.http
      .get('/me')
      .set(bearer(forge({ ...base, act: { sub: admin.id } })))
      .expect(200);
  });
});
