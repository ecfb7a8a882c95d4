import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

interface SessionView {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastActiveAt: string;
  current: boolean;
}

describe("the user's sessions: GET/DELETE /me/sessions", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function signInFrom(email: string, password: string, userAgent: string) {
    const response = await t.http
      .post('/auth/login')
      .set('User-Agent', userAgent)
      .send({ email, password })
      .expect(200);
    return response.body as { accessToken: string; refreshToken: string };
  }

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
      userAgent: 'Laptop/1.0',
      ip: expect.stringMatching(/127\.0\.0\.1/),
      createdAt: expect.any(String),
      lastActiveAt: expect.any(String),
      current: true,
    });
    expect(Date.parse(current.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(current.createdAt));
    expect(JSON.stringify(sessions)).not.toMatch(/refresh|token/i);
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
