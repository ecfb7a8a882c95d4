import { AuditLogPruner } from '@userkit/user/audit-log';
import { ADMIN_ENV, signInAdmin } from '../support/admin.js';
import { CapturingMessageSender } from '../support/captured-messages.js';
import { sql } from '../support/database-access.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { awayFromStepEdge, codeAt } from '../support/totp.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail, type SignedUp } from '../support/users.js';

interface Entry {
  id: string;
  type: string;
  createdAt: string;
  userId: string | null;
  actorId: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

interface Page {
  data: Entry[];
  nextCursor: string | null;
}

const AGENT = 'AuditTest/1.0 (e2e)';
const NEW_PASSWORD = 'amber-lantern-quarry-47';

describe('the audit log: one record per security event, GET /admin/audit-log, GET /me/security-activity', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  const inbox = new CapturingMessageSender();

  beforeAll(async () => {
    t = await startTestApp({
      env: { ...ADMIN_ENV },
      overrides: { messageSender: inbox, auditLogPrune: false },
    });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Every record about the user, oldest first (walks every page of the admin route). */
  async function trailOf(userId: string): Promise<Entry[]> {
    const entries: Entry[] = [];
    let cursor: string | null = null;
    do {
      const response: { body: Page } = await t.http
        .get('/admin/audit-log')
        .query({ userId, limit: 100, ...(cursor ? { cursor } : {}) })
        .set(bearer(admin.accessToken))
        .expect(200);
      entries.push(...response.body.data);
      cursor = response.body.nextCursor;
    } while (cursor);
    return entries.reverse();
  }

  const typesOf = (entries: Entry[]) => entries.map((entry) => entry.type);

  function signIn(email: string, password: string) {
    return t.http.post('/auth/login').set('User-Agent', AGENT).send({ email, password });
  }

  it('sign-up, sign-in, sign-out and a reused refresh token: one record each, with ip, user agent and session', async () => {
    const email = uniqueEmail('trail');
    const signedUp = await t.http
      .post('/auth/signup')
      .set('User-Agent', AGENT)
      .send({ email, password: GOOD_PASSWORD })
      .expect(201);
    const userId = signedUp.body.user.id;
    const login = await signIn(email, GOOD_PASSWORD).expect(200);
    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    // The first token again: a theft; the session dies.
    await t.http.post('/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
    await t.http
      .post('/auth/logout')
      .send({ refreshToken: signedUp.body.refreshToken })
      .expect(204);
    // A second logout of the same session is silent, and so is the audit.
    await t.http
      .post('/auth/logout')
      .send({ refreshToken: signedUp.body.refreshToken })
      .expect(204);
    expect(refreshed.body.accessToken).toEqual(expect.any(String));

    const trail = await trailOf(userId);
    expect(typesOf(trail)).toEqual([
      'user.signed_up',
      'sign_in.succeeded',
      'session.refresh_token_reused',
      'session.signed_out',
    ]);
    const [signUpEntry, signInEntry, reuse, signOut] = trail;
    expect(signUpEntry).toMatchObject({
      userId,
      actorId: userId,
      userAgent: AGENT,
      details: { source: 'password' },
    });
    expect(signUpEntry.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(signInEntry).toMatchObject({
      userId,
      actorId: userId,
      userAgent: AGENT,
      details: { method: 'password', provider: null, secondFactor: null },
    });
    expect(signInEntry.sessionId).toEqual(expect.any(String));
    expect(reuse).toMatchObject({
      sessionId: signInEntry.sessionId,
      details: { reason: 'refresh_token_reused' },
    });
    expect(signOut).toMatchObject({ actorId: userId, details: { reason: 'logout' } });
    expect(signOut.sessionId).not.toBe(signInEntry.sessionId);
  });

  it('failed sign-ins are recorded with the reason, never the password', async () => {
    const account = await signUp(t.http);
    const wrong = 'not-the-password-at-all-31';
    await signIn(account.email, wrong).expect(401);
    const unknown = uniqueEmail('nobody');
    await signIn(unknown, wrong).expect(401);
    const banned = await signUp(t.http);
    await t.http
      .post(`/admin/users/${banned.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    // The answer is the same for all three; only the audit tells them apart.
    const bannedAnswer = await signIn(banned.email, banned.password).expect(401);
    expect(bannedAnswer.body.code).toBe('INVALID_CREDENTIALS');

    const failures = (userId: string) =>
      trailOf(userId).then((trail) => trail.filter((entry) => entry.type === 'sign_in.failed'));
    expect(await failures(account.user.id)).toEqual([
      expect.objectContaining({
        userId: account.user.id,
        actorId: null,
        userAgent: AGENT,
        details: { method: 'password', reason: 'wrong_password' },
      }),
    ]);
    expect(await failures(banned.user.id)).toEqual([
      expect.objectContaining({ details: { method: 'password', reason: 'banned' } }),
    ]);
    const all = await t.http
      .get('/admin/audit-log')
      .query({ type: 'sign_in.failed', limit: 100 })
      .set(bearer(admin.accessToken))
      .expect(200);
    const byUnknown = all.body.data.filter(
      (entry: Entry) => entry.details.identifier === unknown.toLowerCase(),
    );
    expect(byUnknown).toEqual([
      expect.objectContaining({
        userId: null,
        details: {
          method: 'password',
          reason: 'unknown_account',
          identifier: unknown.toLowerCase(),
        },
      }),
    ]);
    const stored = await sql<{ details: unknown }>(t.app, 'select details from userkit_audit_log');
    expect(JSON.stringify(stored)).not.toContain(wrong);
    expect(JSON.stringify(stored)).not.toContain(GOOD_PASSWORD);
  });

  it('password change and reset; the sessions they end say why', async () => {
    const account = await signUp(t.http);
    await t.http
      .post('/me/password')
      .set(bearer(account.accessToken))
      .send({ currentPassword: account.password, newPassword: NEW_PASSWORD })
      .expect(204);
    await t.http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
    const link = (await inbox.waitForResetLink(account.email)).link;
    const token = new URL(link).searchParams.get('token');
    await t.http
      .post('/auth/password/reset')
      .send({ token, password: 'copper-meadow-violin-58' })
      .expect(204);

    const trail = await trailOf(account.user.id);
    expect(typesOf(trail)).toEqual([
      'user.signed_up',
      'password.changed',
      // A reset ends the sessions before the new password is written.
      'session.revoked',
      'password.reset',
    ]);
    expect(trail[1]).toMatchObject({ actorId: account.user.id });
    expect(trail[2].details).toEqual({ reason: 'password_reset' });
  });

  async function enableTwoFactor(
    account: SignedUp,
  ): Promise<{ secret: string; backupCodes: string[] }> {
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    const confirmed = await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(enrolled.body.secret, -30) })
      .expect(200);
    return { secret: enrolled.body.secret, backupCodes: confirmed.body.backupCodes };
  }

  it('two-factor on and off, a backup code used, a wrong code: one record each', async () => {
    const account = await signUp(t.http);
    const { backupCodes } = await enableTwoFactor(account);
    const first = await signIn(account.email, account.password).expect(200);
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: first.body.challenge, code: '000000' })
      .expect(401);
    const second = await signIn(account.email, account.password).expect(200);
    const completed = await t.http
      .post('/auth/login/2fa')
      .set('User-Agent', AGENT)
      .send({ challenge: second.body.challenge, code: backupCodes[0] })
      .expect(200);
    await t.http
      .delete('/me/2fa')
      .set(bearer(completed.body.accessToken))
      .send({ code: backupCodes[1] })
      .expect(204);

    const trail = await trailOf(account.user.id);
    expect(typesOf(trail)).toEqual([
      'user.signed_up',
      'two_factor.enabled',
      'sign_in.failed',
      'two_factor.backup_code_used',
      'sign_in.succeeded',
      'two_factor.backup_code_used',
      'two_factor.disabled',
    ]);
    expect(trail[2].details).toEqual({ method: 'password', reason: 'wrong_second_factor' });
    expect(trail[4]).toMatchObject({
      userAgent: AGENT,
      details: { method: 'password', provider: null, secondFactor: 'backup_code' },
    });
    expect(trail[6]).toMatchObject({ actorId: account.user.id, details: { method: 'totp' } });
  });

  it('email addresses and phone numbers added, verified and removed', async () => {
    const account = await signUp(t.http);
    const email = uniqueEmail('second');
    const added = await t.http
      .post('/me/emails')
      .set(bearer(account.accessToken))
      .send({ email })
      .expect(201);
    await t.http
      .post(`/me/emails/${added.body.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(email) })
      .expect(200);
    await t.http.delete(`/me/emails/${added.body.id}`).set(bearer(account.accessToken)).expect(204);
    const phone = await t.http
      .post('/me/phones')
      .set(bearer(account.accessToken))
      .send({ phoneNumber: '+14155550123' })
      .expect(201);
    await t.http
      .post(`/me/phones/${phone.body.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode('+14155550123') })
      .expect(200);
    await t.http.delete(`/me/phones/${phone.body.id}`).set(bearer(account.accessToken)).expect(204);

    const trail = (await trailOf(account.user.id)).slice(1);
    expect(typesOf(trail)).toEqual([
      'email.added',
      'email.verified',
      'email.removed',
      'phone.added',
      'phone.verified',
      'phone.removed',
    ]);
    expect(trail[0].details).toEqual({ identifierId: added.body.id, value: email });
    expect(trail[3].details).toEqual({ identifierId: phone.body.id, value: '+14155550123' });
    for (const entry of trail) expect(entry.actorId).toBe(account.user.id);
  });

  it('admin actions: the acting admin is the actor, each route leaves one admin.action', async () => {
    const created = await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: uniqueEmail('made'), password: GOOD_PASSWORD })
      .expect(201);
    const userId = created.body.id;
    const asAdmin = bearer(admin.accessToken);
    await t.http
      .put(`/admin/users/${userId}/roles`)
      .set(asAdmin)
      .send({ roles: ['user', 'admin'] })
      .expect(200);
    await t.http.post(`/admin/users/${userId}/ban`).set(asAdmin).expect(200);
    await t.http.post(`/admin/users/${userId}/unban`).set(asAdmin).expect(200);
    await signIn(created.body.primaryEmail, GOOD_PASSWORD).expect(200);
    await t.http.delete(`/admin/users/${userId}/sessions`).set(asAdmin).expect(204);
    await t.http.delete(`/admin/users/${userId}`).set(asAdmin).expect(204);

    const trail = await trailOf(userId);
    expect(typesOf(trail)).toEqual([
      'user.created',
      'user.roles_changed',
      'admin.action',
      'user.banned',
      'admin.action',
      'user.unbanned',
      'admin.action',
      'sign_in.succeeded',
      'session.revoked',
      'admin.action',
      'user.deleted',
      'admin.action',
    ]);
    for (const entry of trail.filter((entry) => entry.type !== 'sign_in.succeeded'))
      expect(entry.actorId).toBe(admin.id);
    expect(trail[1].details).toEqual({ roles: ['user', 'admin'] });
    expect(trail[8].details).toEqual({ reason: 'admin_revoked' });
    expect(
      trail.filter((entry) => entry.type === 'admin.action').map((entry) => entry.details.route),
    ).toEqual([
      'PUT /admin/users/:id/roles',
      'POST /admin/users/:id/ban',
      'POST /admin/users/:id/unban',
      'DELETE /admin/users/:id/sessions',
      'DELETE /admin/users/:id',
    ]);
    expect(trail[2].details.params).toEqual({ id: userId });
    // POST /admin/users names no user in its route: its admin.action is found by the actor.
    const byAdmin = await t.http
      .get('/admin/audit-log')
      .query({ actorId: admin.id, type: 'admin.action', limit: 100 })
      .set(asAdmin)
      .expect(200);
    expect(byAdmin.body.data.every((entry: Entry) => entry.actorId === admin.id)).toBe(true);
    expect(
      byAdmin.body.data.some((entry: Entry) => entry.details.route === 'POST /admin/users'),
    ).toBe(true);
  });

  describe('GET /admin/audit-log: filters and paging', () => {
    it('newest first; cursor pages hold each record once; type, actor and time filters', async () => {
      const account = await signUp(t.http);
      for (let i = 0; i < 4; i += 1)
        await signIn(account.email, `wrong-password-${i}-zz`).expect(401);
      await signIn(account.email, account.password).expect(200);
      const all = await trailOf(account.user.id);
      expect(all).toHaveLength(6);

      const pages: Entry[][] = [];
      let cursor: string | null = null;
      do {
        const response: { body: Page } = await t.http
          .get('/admin/audit-log')
          .query({ userId: account.user.id, limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(admin.accessToken))
          .expect(200);
        pages.push(response.body.data);
        cursor = response.body.nextCursor;
      } while (cursor);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
      const walked = pages.flat();
      expect(walked.map((entry) => entry.id)).toEqual([...all].reverse().map((entry) => entry.id));
      const times = walked.map((entry) => Date.parse(entry.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const failed = await t.http
        .get('/admin/audit-log')
        .query({ userId: account.user.id, type: 'sign_in.failed' })
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(failed.body.data).toHaveLength(4);
      expect(failed.body.nextCursor).toBeNull();

      const bySelf = await t.http
        .get('/admin/audit-log')
        .query({ actorId: account.user.id })
        .set(bearer(admin.accessToken))
        .expect(200);
      // The sign-up and the sign-in; failed sign-ins have no known actor.
      expect(typesOf(bySelf.body.data)).toEqual(['sign_in.succeeded', 'user.signed_up']);

      // `from` is inclusive, `to` exclusive: the window of the failures alone.
      const failures = all.filter((entry) => entry.type === 'sign_in.failed');
      const window = await t.http
        .get('/admin/audit-log')
        .query({
          userId: account.user.id,
          from: failures[0].createdAt,
          to: all[5].createdAt,
        })
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(window.body.data.map((entry: Entry) => entry.id)).toEqual(
        [...failures].reverse().map((entry) => entry.id),
      );
      const future = await t.http
        .get('/admin/audit-log')
        .query({ userId: account.user.id, from: '2999-01-01' })
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(future.body).toEqual({ data: [], nextCursor: null });
    });

    it('admins only: 401 signed out, 403 for a member', async () => {
      const member = await signUp(t.http);
      await t.http.get('/admin/audit-log').expect(401);
      const refused = await t.http
        .get('/admin/audit-log')
        .set(bearer(member.accessToken))
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN_ROLE');
    });

    it('crafted query parameters are a 400, never a 500', async () => {
      const asAdmin = bearer(admin.accessToken);
      const refused: Array<Record<string, string | string[]>> = [
        { cursor: 'not-a-cursor' },
        { cursor: Buffer.from('["not a date","x"]').toString('base64url') },
        { cursor: 'a'.repeat(201) },
        { type: 'Sign In' },
        { type: 'sign_in.failed\u0000' },
        { type: 'x'.repeat(65) },
        { type: ['sign_in.failed', 'user.banned'] },
        { userId: "1' or '1'='1" },
        { userId: 'a\u0000b' },
        { actorId: '\ud800' },
        { from: 'yesterday' },
        { to: '2026-13-45' },
        { limit: '0' },
        { limit: '101' },
        { limit: '1e3' },
        { unknown: 'x' },
      ];
      for (const query of refused) {
        const response = await t.http.get('/admin/audit-log').query(query).set(asAdmin);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
    });
  });

  describe('GET /me/security-activity', () => {
    it("shows the user's own sign-ins, password and 2FA changes, and nobody else's", async () => {
      const mine = await signUp(t.http);
      const theirs = await signUp(t.http);
      await signIn(mine.email, 'wrong-password-for-me-1').expect(401);
      const session = await signIn(mine.email, mine.password).expect(200);
      await signIn(theirs.email, theirs.password).expect(200);
      await t.http
        .post('/me/emails')
        .set(bearer(mine.accessToken))
        .send({ email: uniqueEmail('extra') })
        .expect(201);
      await t.http
        .post('/me/password')
        .set(bearer(session.body.accessToken))
        .send({ currentPassword: mine.password, newPassword: NEW_PASSWORD })
        .expect(204);

      const response = await t.http
        .get('/me/security-activity')
        .set(bearer(session.body.accessToken))
        .expect(200);
      expect(typesOf(response.body.data)).toEqual([
        'password.changed',
        'sign_in.succeeded',
        'sign_in.failed',
      ]);
      expect(response.body.nextCursor).toBeNull();
      const [changed, signedIn, failed] = response.body.data;
      expect(changed.currentSession).toBe(true);
      expect(signedIn).toMatchObject({
        currentSession: true,
        userAgent: AGENT,
        details: { method: 'password', provider: null, secondFactor: null },
      });
      expect(failed).toMatchObject({
        currentSession: false,
        details: { method: 'password', reason: 'wrong_password' },
      });
      // Not a field of the self view: who acted, or another user's id.
      expect(Object.keys(signedIn).sort()).toEqual(
        ['createdAt', 'currentSession', 'details', 'id', 'ip', 'type', 'userAgent'].sort(),
      );
      expect(JSON.stringify(response.body)).not.toContain(theirs.user.id);

      const others = await t.http
        .get('/me/security-activity')
        .set(bearer(theirs.accessToken))
        .expect(200);
      expect(typesOf(others.body.data)).toEqual(['sign_in.succeeded']);
      const ids = new Set(response.body.data.map((entry: Entry) => entry.id));
      expect(others.body.data.some((entry: Entry) => ids.has(entry.id))).toBe(false);
    });

    it('pages with a cursor, refuses a crafted one, and needs a session', async () => {
      const account = await signUp(t.http);
      for (let i = 0; i < 3; i += 1) await signIn(account.email, account.password).expect(200);
      const first = await t.http
        .get('/me/security-activity')
        .query({ limit: 2 })
        .set(bearer(account.accessToken))
        .expect(200);
      expect(first.body.data).toHaveLength(2);
      const second = await t.http
        .get('/me/security-activity')
        .query({ limit: 2, cursor: first.body.nextCursor })
        .set(bearer(account.accessToken))
        .expect(200);
      expect(second.body).toMatchObject({ nextCursor: null });
      expect(second.body.data).toHaveLength(1);
      await t.http
        .get('/me/security-activity')
        .query({ cursor: '%00' })
        .set(bearer(account.accessToken))
        .expect(400);
      // Another user's filter cannot be smuggled in.
      await t.http
        .get('/me/security-activity')
        .query({ userId: admin.id })
        .set(bearer(account.accessToken))
        .expect(400);
      await t.http.get('/me/security-activity').expect(401);
    });
  });

  describe('retention', () => {
    it('prunes records older than retentionDays, and keeps the rest', async () => {
      const account = await signUp(t.http);
      const old = Date.now() - 400 * 24 * 60 * 60 * 1000;
      const postgres = process.env.TEST_DB === 'postgres';
      for (let i = 0; i < 5; i += 1)
        await sql(
          t.app,
          "insert into userkit_audit_log (id, created_at, type, user_id, details) values (?, ?, 'sign_in.failed', ?, '{}')",
          [`old-record-${i}`, postgres ? new Date(old + i) : old + i, account.user.id],
        );
      expect(await trailOf(account.user.id)).toHaveLength(6);
      const deleted = await t.app.get(AuditLogPruner).pruneNow();
      expect(deleted).toBeGreaterThanOrEqual(5);
      expect(typesOf(await trailOf(account.user.id))).toEqual(['user.signed_up']);
    });
  });
});
