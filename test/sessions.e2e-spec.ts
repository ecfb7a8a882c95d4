import { ADMIN_ENV, expectAdminOnly, signInAdmin } from './support/admin.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

interface SessionActivity {
  browserName: string | null;
  browserVersion: string | null;
  deviceType: string | null;
  isMobile: boolean;
  ipAddress: string | null;
}

interface SessionView {
  id: string;
  status: 'active' | 'revoked' | 'expired';
  createdAt: string;
  lastActiveAt: string;
  expireAt: string;
  latestActivity: SessionActivity;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

interface AdminSessionView extends Omit<SessionView, 'current'> {
  revokedAt: string | null;
  revokedReason: string | null;
}

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPAD_FIREFOX =
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/124.0 Mobile/15E148 Safari/605.1.15';
const DAY_MS = 86_400_000;

// One app for both views: the user's own and the admin's.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: ADMIN_ENV });
});
afterAll(async () => {
  await t.close();
});

/** A password sign-in from a device with this User-Agent header. */
async function signInFrom(email: string, password: string, userAgent: string) {
  const response = await t.http
    .post('/auth/login')
    .set('User-Agent', userAgent)
    .send({ email, password })
    .expect(200);
  return response.body as { accessToken: string; refreshToken: string };
}

describe("the user's sessions: GET/DELETE /me/sessions", () => {
  it('lists the live sessions with device, address, times, and which one is current', async () => {
    const account = await signUp(t.http);
    const laptop = await signInFrom(account.email, account.password, 'Laptop/1.0');
    const phone = await signInFrom(account.email, account.password, 'Phone/2.0');
    await t.http.post('/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);

    const response = await t.http.get('/me/sessions').set(bearer(laptop.accessToken)).expect(200);
    const sessions: SessionView[] = response.body;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const current = sessions.find((session) => session.current)!;
    expect(current).toEqual({
      id: expect.any(String),
      status: 'active',
      createdAt: expect.any(String),
      lastActiveAt: expect.any(String),
      expireAt: expect.any(String),
      // An agent bowser does not know says nothing about the device; the address is still there.
      latestActivity: {
        browserName: null,
        browserVersion: null,
        deviceType: null,
        isMobile: false,
        ipAddress: '127.0.0.1',
      },
      userAgent: 'Laptop/1.0',
      ip: expect.stringMatching(/127\.0\.0\.1/),
      current: true,
    });
    expect(Date.parse(current.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(current.createdAt));
    // The absolute end: the refresh token lifetime (30 days by default) after sign-in.
    const lifetime = Date.parse(current.expireAt) - Date.parse(current.createdAt);
    expect(Math.abs(lifetime - 30 * DAY_MS)).toBeLessThan(60_000);
    expect(JSON.stringify(sessions)).not.toMatch(/refresh|token/i);
  });

  it('reads browser, version, device type and mobility from each user agent', async () => {
    const account = await signUp(t.http);
    await signInFrom(account.email, account.password, IPHONE_SAFARI);
    await signInFrom(account.email, account.password, WINDOWS_CHROME);
    await signInFrom(account.email, account.password, IPAD_FIREFOX);
    const response = await t.http.get('/me/sessions').set(bearer(account.accessToken)).expect(200);
    const byAgent = new Map(
      (response.body as SessionView[]).map((session) => [session.userAgent, session]),
    );
    expect(byAgent.get(IPHONE_SAFARI)!.latestActivity).toEqual({
      browserName: 'Safari',
      browserVersion: '17.4',
      deviceType: 'mobile',
      isMobile: true,
      ipAddress: '127.0.0.1',
    });
    expect(byAgent.get(WINDOWS_CHROME)!.latestActivity).toEqual({
      browserName: 'Chrome',
      browserVersion: '131.0.0.0',
      deviceType: 'desktop',
      isMobile: false,
      ipAddress: '127.0.0.1',
    });
    expect(byAgent.get(IPAD_FIREFOX)!.latestActivity).toMatchObject({
      browserName: 'Firefox',
      browserVersion: '124.0',
      deviceType: 'tablet',
      isMobile: true,
    });
    // The sign-up's own session: supertest's agent-less request.
    expect(byAgent.size).toBe(4);
    expect([...byAgent.values()].every((session) => session.status === 'active')).toBe(true);
  });

  it('revokes a session: its access token fails on the very next request', async () => {
    const account = await signUp(t.http);
    const other = await signInFrom(account.email, account.password, 'Other/1.0');
    await t.http.get('/me').set(bearer(other.accessToken)).expect(200);
    const list = await t.http.get('/me/sessions').set(bearer(account.accessToken)).expect(200);
    const target = (list.body as SessionView[]).find(
      (session) => session.userAgent === 'Other/1.0',
    )!;
    await t.http.delete(`/me/sessions/${target.id}`).set(bearer(account.accessToken)).expect(204);
    await t.http.get('/me').set(bearer(other.accessToken)).expect(401);
    await t.http.post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    // Revoked already: gone from the list, and a second revoke is a 404.
    const after = await t.http.get('/me/sessions').set(bearer(account.accessToken)).expect(200);
    expect((after.body as SessionView[]).map((session) => session.id)).not.toContain(target.id);
    await t.http.delete(`/me/sessions/${target.id}`).set(bearer(account.accessToken)).expect(404);
  });

  it('revokes the current session too (like a logout)', async () => {
    const account = await signUp(t.http);
    const list = await t.http.get('/me/sessions').set(bearer(account.accessToken)).expect(200);
    await t.http
      .delete(`/me/sessions/${list.body[0].id}`)
      .set(bearer(account.accessToken))
      .expect(204);
    await t.http.get('/me').set(bearer(account.accessToken)).expect(401);
  });

  it("answers 404 for another user's session (and leaves it alive), and for an unknown id", async () => {
    const victim = await signUp(t.http);
    const attacker = await signUp(t.http);
    const victimSessions = await t.http
      .get('/me/sessions')
      .set(bearer(victim.accessToken))
      .expect(200);
    const response = await t.http
      .delete(`/me/sessions/${victimSessions.body[0].id}`)
      .set(bearer(attacker.accessToken))
      .expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await t.http.get('/me').set(bearer(victim.accessToken)).expect(200);
    for (const id of ['01900000-0000-7000-8000-000000000000', '%00', 'a'.repeat(300), "x'--"]) {
      await t.http.delete(`/me/sessions/${id}`).set(bearer(attacker.accessToken)).expect(404);
    }
  });

  it('does not list expired sessions', async () => {
    const account = await signUp(t.http);
    const old = await signInFrom(account.email, account.password, 'Old/1.0');
    await sql(t.app, 'update userkit_sessions set expires_at = ? where user_agent = ?', [
      new Date(Date.now() - 1000),
      'Old/1.0',
    ]);
    const list = await t.http.get('/me/sessions').set(bearer(account.accessToken)).expect(200);
    expect((list.body as SessionView[]).map((session) => session.userAgent)).not.toContain(
      'Old/1.0',
    );
    await t.http.get('/me').set(bearer(old.accessToken)).expect(401);
  });

  it('needs a session: 401 without one', async () => {
    await t.http.get('/me/sessions').expect(401);
  });
});

describe("an admin's view of a user's sessions: GET /admin/users/:id/sessions", () => {
  it('lists live and ended sessions with their status, device and why they ended', async () => {
    const admin = await signInAdmin(t.http);
    const member = await signUp(t.http);
    const phone = await signInFrom(member.email, member.password, IPHONE_SAFARI);
    const laptop = await signInFrom(member.email, member.password, WINDOWS_CHROME);
    const old = await signInFrom(member.email, member.password, 'Old/1.0');
    await t.http.post('/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
    await sql(t.app, 'update userkit_sessions set expires_at = ? where user_agent = ?', [
      new Date(Date.now() - 1000),
      'Old/1.0',
    ]);

    const response = await t.http
      .get(`/admin/users/${member.user.id}/sessions`)
      .set(bearer(admin.accessToken))
      .expect(200);
    const sessions = response.body as AdminSessionView[];
    expect(sessions).toHaveLength(4);
    const byAgent = new Map(sessions.map((session) => [session.userAgent, session]));
    expect(byAgent.get(IPHONE_SAFARI)).toMatchObject({
      status: 'revoked',
      revokedReason: 'logout',
      revokedAt: expect.any(String),
      latestActivity: { browserName: 'Safari', deviceType: 'mobile', isMobile: true },
    });
    expect(byAgent.get(WINDOWS_CHROME)).toMatchObject({
      status: 'active',
      revokedAt: null,
      revokedReason: null,
      latestActivity: { browserName: 'Chrome', deviceType: 'desktop', isMobile: false },
    });
    expect(byAgent.get('Old/1.0')).toMatchObject({ status: 'expired', revokedAt: null });
    expect(sessions[0]).not.toHaveProperty('current');
    // Newest first.
    const created = sessions.map((session) => Date.parse(session.createdAt));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    expect(JSON.stringify(sessions)).not.toMatch(/refresh_?token|tokenHash/i);
    await t.http.get('/me').set(bearer(laptop.accessToken)).expect(200);
    await t.http.get('/me').set(bearer(old.accessToken)).expect(401);
  });

  it('ends one session of the user: its tokens die now, the others live on', async () => {
    const admin = await signInAdmin(t.http);
    const member = await signUp(t.http);
    const stolen = await signInFrom(member.email, member.password, 'Stolen/1.0');
    const list = await t.http
      .get(`/admin/users/${member.user.id}/sessions`)
      .set(bearer(admin.accessToken))
      .expect(200);
    const target = (list.body as AdminSessionView[]).find(
      (session) => session.userAgent === 'Stolen/1.0',
    )!;
    await t.http
      .delete(`/admin/users/${member.user.id}/sessions/${target.id}`)
      .set(bearer(admin.accessToken))
      .expect(204);
    await t.http.get('/me').set(bearer(stolen.accessToken)).expect(401);
    await t.http.post('/auth/refresh').send({ refreshToken: stolen.refreshToken }).expect(401);
    await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
    const after = await t.http
      .get(`/admin/users/${member.user.id}/sessions`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect((after.body as AdminSessionView[]).find((s) => s.id === target.id)).toMatchObject({
      status: 'revoked',
      revokedReason: 'admin_revoked',
    });
    // Ended already: a second revoke is a 404.
    await t.http
      .delete(`/admin/users/${member.user.id}/sessions/${target.id}`)
      .set(bearer(admin.accessToken))
      .expect(404);
  });

  it('answers 404 for a session of another user (and leaves it alive), and for unknown ids', async () => {
    const admin = await signInAdmin(t.http);
    const owner = await signUp(t.http);
    const other = await signUp(t.http);
    const ownerSessions = await t.http
      .get(`/admin/users/${owner.user.id}/sessions`)
      .set(bearer(admin.accessToken))
      .expect(200);
    await t.http
      .delete(`/admin/users/${other.user.id}/sessions/${ownerSessions.body[0].id}`)
      .set(bearer(admin.accessToken))
      .expect(404);
    await t.http.get('/me').set(bearer(owner.accessToken)).expect(200);
    const unknownUser = '01900000-0000-7000-8000-000000000000';
    const missing = await t.http
      .get(`/admin/users/${unknownUser}/sessions`)
      .set(bearer(admin.accessToken))
      .expect(404);
    expect(missing.body).toMatchObject({ code: 'USER_NOT_FOUND' });
    await t.http
      .delete(`/admin/users/${unknownUser}/sessions/${ownerSessions.body[0].id}`)
      .set(bearer(admin.accessToken))
      .expect(404);
    for (const id of ['%00', 'a'.repeat(300), "x'--"]) {
      await t.http
        .delete(`/admin/users/${owner.user.id}/sessions/${id}`)
        .set(bearer(admin.accessToken))
        .expect(404);
      await t.http.get(`/admin/users/${id}/sessions`).set(bearer(admin.accessToken)).expect(404);
    }
  });

  it('is for admins only', async () => {
    const member = await signUp(t.http);
    await expectAdminOnly(t.http, 'get', `/admin/users/${member.user.id}/sessions`, null);
    const list = await t.http.get('/me/sessions').set(bearer(member.accessToken)).expect(200);
    await expectAdminOnly(
      t.http,
      'delete',
      `/admin/users/${member.user.id}/sessions/${list.body[0].id}`,
      null,
    );
    await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
  });
});
