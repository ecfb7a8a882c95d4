import { ADMIN_ENV, signInAdmin } from '../support/admin.js';
import { sql } from '../support/database-access.js';
import { hearEvents, type HeardEvent } from '../support/heard-events.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, signUp, type SignedUp } from '../support/users.js';

/** Datetimes are written as the database stores them (SQLite: epoch milliseconds). */
const onPostgres = () => process.env.TEST_DB === 'postgres';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a ban with a reason and an end (bannedUntil)', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  let heard: HeardEvent[];
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
    heard = hearEvents(t.app, ['user.banned', 'user.updated', 'session.revoked', 'admin.action']);
  });
  afterAll(async () => {
    await t.close();
  });

  const asAdmin = () => bearer(admin.accessToken);
  const signIn = (account: SignedUp) =>
    t.http.post('/auth/login').send({ email: account.email, password: account.password });
  const bannedIds = async () =>
    (
      await t.http
        .get('/admin/users')
        .query({ banned: 'true', limit: '100' })
        .set(asAdmin())
        .expect(200)
    ).body.data.map((user: { id: string }) => user.id);

  it('records the reason and the end; blocks until then; an ended ban no longer blocks sign-in, sessions or refresh', async () => {
    const account = await signUp(t.http);
    const until = new Date(Date.now() + 2500);
    const mark = heard.length;
    const banned = await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(asAdmin())
      .send({ reason: 'Spam in the comments', bannedUntil: until.toISOString() })
      .expect(200);
    expect(banned.body).toMatchObject({
      id: account.user.id,
      banned: true,
      banReason: 'Spam in the comments',
      bannedUntil: until.toISOString(),
    });
    expect(heard.slice(mark).map((event) => [event.name, event.context.actorId])).toEqual([
      ['user.banned', admin.id],
      ['user.updated', admin.id],
      ['session.revoked', admin.id],
      ['admin.action', admin.id],
    ]);
    // Banned now: the old session is gone and sign-in answers as for a wrong password.
    await t.http.get('/me').set(bearer(account.accessToken)).expect(401);
    const refused = await signIn(account).expect(401);
    expect(refused.body.code).toBe('INVALID_CREDENTIALS');
    expect(await bannedIds()).toContain(account.user.id);

    await sleep(Math.max(0, until.getTime() - Date.now()) + 200);

    // Ended: nobody unbanned, yet the user is back.
    const view = await t.http.get(`/admin/users/${account.user.id}`).set(asAdmin()).expect(200);
    expect(view.body).toMatchObject({ banned: false, banReason: null, bannedUntil: null });
    expect(await bannedIds()).not.toContain(account.user.id);
    const unbannedFilter = await t.http
      .get('/admin/users')
      .query({ banned: 'false', query: account.email })
      .set(asAdmin())
      .expect(200);
    expect(unbannedFilter.body.data.map((user: { id: string }) => user.id)).toEqual([
      account.user.id,
    ]);
    const signedIn = await signIn(account).expect(200);
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: signedIn.body.refreshToken })
      .expect(200);
    await t.http.get('/me').set(bearer(refreshed.body.accessToken)).expect(200);
  });

  it('without an end the ban lasts; a new ban replaces reason and end; an unban clears both', async () => {
    const account = await signUp(t.http);
    const first = await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(asAdmin())
      .send({ reason: 'Chargeback', bannedUntil: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(200);
    expect(first.body.banReason).toBe('Chargeback');
    const forever = await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(asAdmin())
      .send({})
      .expect(200);
    expect(forever.body).toMatchObject({ banned: true, banReason: null, bannedUntil: null });
    await signIn(account).expect(401);
    const unbanned = await t.http
      .post(`/admin/users/${account.user.id}/unban`)
      .set(asAdmin())
      .expect(200);
    expect(unbanned.body).toMatchObject({ banned: false, banReason: null, bannedUntil: null });
    const [row] = await sql<{ ban_reason: string | null; banned_until: unknown }>(
      t.app,
      'select ban_reason, banned_until from userkit_users where id = ?',
      [account.user.id],
    );
    expect(row).toEqual({ ban_reason: null, banned_until: null });
    await signIn(account).expect(200);
  });

  it('a session opened after the end survives the old flag, checked by the guard on every request', async () => {
    const account = await signUp(t.http);
    await t.http
      .post(`/admin/users/${account.user.id}/ban`)
      .set(asAdmin())
      .send({ reason: 'Cooling off', bannedUntil: new Date(Date.now() + 60_000).toISOString() })
      .expect(200);
    await signIn(account).expect(401);
    // The end moved into the past (as time would): the flag stays set in the row.
    await sql(t.app, 'update userkit_users set banned_until = ? where id = ?', [
      onPostgres() ? new Date(Date.now() - 1000) : Date.now() - 1000,
      account.user.id,
    ]);
    const signedIn = await signIn(account).expect(200);
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
    // Moved back into the future: blocked again at the very next request, the token already issued.
    await sql(t.app, 'update userkit_users set banned_until = ? where id = ?', [
      onPostgres() ? new Date(Date.now() + 60_000) : Date.now() + 60_000,
      account.user.id,
    ]);
    await t.http.get('/me').set(bearer(signedIn.body.accessToken)).expect(401);
  });

  it('400 for a bad body: a past or malformed end, an empty or long reason, unknown fields', async () => {
    const account = await signUp(t.http);
    const bodies: object[] = [
      { bannedUntil: new Date(Date.now() - 60_000).toISOString() },
      { bannedUntil: 'tomorrow' },
      { bannedUntil: 1767225600000 },
      { bannedUntil: null },
      { reason: '' },
      { reason: 'x'.repeat(501) },
      { reason: 42 },
      { roles: ['admin'] },
    ];
    for (const body of bodies) {
      const answer = await t.http
        .post(`/admin/users/${account.user.id}/ban`)
        .set(asAdmin())
        .send(body);
      expect({ body, status: answer.status, code: answer.body.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    await signIn(account).expect(200);
    const self = await t.http
      .post(`/admin/users/${admin.id}/ban`)
      .set(asAdmin())
      .send({ reason: 'oops' })
      .expect(400);
    expect(self.body.code).toBe('CANNOT_BAN_SELF');
  });
});
