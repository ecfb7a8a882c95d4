import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ADMIN_ENV, signInAdmin } from '../support/admin.js';
import { Browser } from '../support/browser.js';
import { sql } from '../support/database-access.js';
import {
  FRONT_END,
  gitHubPerson,
  startLinkIn,
  useOAuthApp,
  type Running,
} from '../support/oauth-app.js';
import type { LocalOAuthServer } from '../support/oauth-server.js';
import { ensureUiBuilt, pageConfig } from '../support/pages.js';
import { TEST_DB } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { codeAt } from '../support/totp.js';
import { bearer, signUp, uniqueEmail, type SignedUp } from '../support/users.js';

/**
 * Tables that keep a deleted user's id on purpose: the audit trail outlives the users it names
 * (README "Audit log"), and the webhook outbox carries the `user.deleted` message itself.
 */
const KEPT_AFTER_DELETION = new Set([
  'userkit_audit_log',
  'userkit_webhook_messages',
  'userkit_webhook_deliveries',
]);

/** Every (table, column) of the database holding a user's id: `user_id`, `link_user_id`, .... */
async function userIdColumns(app: INestApplication): Promise<Array<[string, string]>> {
  if (TEST_DB === 'postgres') {
    const rows = await sql<{ table_name: string; column_name: string }>(
      app,
      `select table_name, column_name from information_schema.columns
       where table_schema = current_schema() and (column_name = 'user_id' or column_name like '%\\_user\\_id')`,
    );
    return rows.map((row) => [row.table_name, row.column_name]);
  }
  const tables = await sql<{ name: string }>(
    app,
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
  );
  const columns: Array<[string, string]> = [];
  for (const { name } of tables) {
    const info = await sql<{ name: string }>(app, `pragma table_info("${name}")`);
    for (const column of info)
      if (column.name === 'user_id' || column.name.endsWith('_user_id'))
        columns.push([name, column.name]);
  }
  return columns;
}

/** How many rows each (table.column) holds for the user, and the user row itself. */
async function rowsOfUser(app: INestApplication, userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, column] of await userIdColumns(app)) {
    const [row] = await sql<{ n: number | string }>(
      app,
      `select count(*) as n from "${table}" where "${column}" = ?`,
      [userId],
    );
    counts[`${table}.${column}`] = Number(row.n);
  }
  const [user] = await sql<{ n: number | string }>(
    app,
    'select count(*) as n from userkit_users where id = ?',
    [userId],
  );
  counts['userkit_users.id'] = Number(user.n);
  return counts;
}

/** Makes the sign-in of the user's sessions two hours old (outside the one-hour window). */
async function ageSignIn(app: INestApplication, userId: string): Promise<void> {
  await sql(app, 'update userkit_sessions set authenticated_at = ? where user_id = ?', [
    new Date(Date.now() - 2 * 60 * 60 * 1000),
    userId,
  ]);
}

describe('the user’s own data: GET /me/export and DELETE /me', () => {
  // Before the app starts: it serves the pages only when their build is there.
  ensureUiBuilt();
  const fixture = useOAuthApp({}, () => ADMIN_ENV);
  let provider: LocalOAuthServer;
  let app: Running;
  let admin: { accessToken: string; id: string };
  beforeAll(async () => {
    ({ provider, app } = fixture);
    admin = await signInAdmin(app.t.http);
  });

  it('the prebuilt pages offer "Delete account" by default', async () => {
    const page = await http().get('/account/sign-in').expect(200);
    expect(pageConfig(page.text)).toMatchObject({ selfDeletion: true });
  });
  const http = () => app.t.http;

  /**
   * A user with a row in every table the app keeps about users: two addresses (a code pending),
   * a phone, a verified GitHub account and a pending Google link, a second session and an ended
   * one, TOTP with backup codes, a second-factor challenge, a reset token, metadata.
   */
  let phones = 0;
  async function richUser(): Promise<SignedUp & { secondSession: string; phoneNumber: string }> {
    phones += 1;
    const phoneNumber = `+1415555${String(1000 + phones)}`;
    const account = await signUp(http(), { firstName: 'Grace', lastName: 'Hopper' });
    const auth = bearer(account.accessToken);
    await http()
      .post('/me/emails')
      .set(auth)
      .send({ email: uniqueEmail('second') })
      .expect(201);
    await http().post('/me/phones').set(auth).send({ phoneNumber }).expect(201);
    await http()
      .patch('/me')
      .set(auth)
      .send({ unsafeMetadata: { theme: 'dark' } })
      .expect(200);
    await http()
      .patch(`/admin/users/${account.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ publicMetadata: { plan: 'pro' }, privateMetadata: { risk: 'low-secret' } })
      .expect(200);
    provider.githubPerson = gitHubPerson([
      { email: uniqueEmail('octo'), primary: true, verified: true },
    ]);
    const github = await startLinkIn(app, account.accessToken, 'github');
    const { stoppedAt } = await (github.browser as Browser).navigate(github.url, FRONT_END);
    expect(stoppedAt!.searchParams.get('linked')).toBe('github');
    await startLinkIn(app, account.accessToken, 'google');
    const ended = await http()
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    await http().post('/auth/logout').send({ refreshToken: ended.body.refreshToken }).expect(204);
    const second = await http()
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    const enrolled = await http().post('/me/2fa/totp').set(auth).expect(201);
    await http()
      .post('/me/2fa/totp/verify')
      .set(auth)
      .send({ code: await codeAt(enrolled.body.secret, -30) })
      .expect(200);
    // Second factor on: a password sign-in now stops at a challenge (a row of its own).
    await http()
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    await http().post('/auth/password/forgot').send({ email: account.email }).expect(202);
    return { ...account, secondSession: second.body.accessToken, phoneNumber };
  }

  describe('GET /me/export', () => {
    it('holds the profile, addresses, phones, external accounts, metadata, sessions and security activity, nothing secret', async () => {
      const account = await richUser();
      const response = await http().get('/me/export').set(bearer(account.accessToken)).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const exported = response.body;
      expect(Date.parse(exported.exportedAt)).toBeGreaterThan(Date.now() - 60_000);
      const me = (await http().get('/me').set(bearer(account.accessToken)).expect(200)).body;
      expect({ ...exported.user, updatedAt: null }).toEqual({ ...me, updatedAt: null });
      expect(exported.user).toMatchObject({
        id: account.user.id,
        firstName: 'Grace',
        lastName: 'Hopper',
        primaryEmail: account.email,
        publicMetadata: { plan: 'pro' },
        unsafeMetadata: { theme: 'dark' },
        twoFactorEnabled: true,
      });
      expect(exported.user.emailAddresses).toHaveLength(2);
      expect(exported.user.phoneNumbers).toEqual([
        expect.objectContaining({ phoneNumber: account.phoneNumber, verified: false }),
      ]);
      expect(
        exported.user.externalAccounts.map(
          (external: { provider: string; verification: { status: string } }) => [
            external.provider,
            external.verification.status,
          ],
        ),
      ).toEqual([
        ['github', 'verified'],
        ['google', 'unverified'],
      ]);
      // Sign-up's, the logged-out one, the second one: live and ended, newest first.
      expect(exported.sessions).toHaveLength(3);
      expect(
        exported.sessions.map((session: { status: string; revokedReason: string | null }) => [
          session.status,
          session.revokedReason,
        ]),
      ).toEqual([
        ['active', null],
        ['revoked', 'logout'],
        ['active', null],
      ]);
      const activity = exported.sections.securityActivity as Array<{ type: string }>;
      expect(activity.map((entry) => entry.type)).toEqual(
        expect.arrayContaining(['sign_in.succeeded', 'two_factor.enabled']),
      );
      const text = JSON.stringify(exported);
      expect(text).not.toMatch(/low-secret|privateMetadata|banned|argon2|passwordHash/);
      expect(text).not.toContain(account.refreshToken);
    });

    it('is the signed-in user’s only: signed out 401, and another user sees only their own', async () => {
      await http().get('/me/export').expect(401);
      const first = await signUp(http());
      const second = await signUp(http());
      const exported = (await http().get('/me/export').set(bearer(second.accessToken)).expect(200))
        .body;
      expect(exported.user.id).toBe(second.user.id);
      expect(JSON.stringify(exported)).not.toContain(first.user.id);
      expect(JSON.stringify(exported)).not.toContain(first.email);
    });
  });

  describe('DELETE /me', () => {
    it('removes every row of the user (each table holding a user id), ends the sessions at once, fires user.deleted with cause self', async () => {
      const account = await richUser();
      const before = await rowsOfUser(app.t.app, account.user.id);
      // The arrangement reached every table the deletion must empty.
      for (const held of [
        'userkit_users.id',
        'userkit_email_addresses.user_id',
        'userkit_phone_numbers.user_id',
        'userkit_external_accounts.user_id',
        'userkit_sessions.user_id',
        'userkit_password_reset_tokens.user_id',
        'userkit_verification_codes.user_id',
        'userkit_totp_credentials.user_id',
        'userkit_backup_codes.user_id',
        'userkit_two_factor_challenges.user_id',
        'userkit_oauth_link_intents.user_id',
        'userkit_oauth_states.link_user_id',
        'userkit_audit_log.user_id',
      ])
        expect([held, before[held] > 0]).toEqual([held, true]);

      const heard: Array<[string, Record<string, unknown>]> = [];
      const emitter = app.t.app.get(EventEmitter2);
      const hear = (name: string) => (event: Record<string, unknown>) => heard.push([name, event]);
      const onRevoked = hear('session.revoked');
      const onDeleted = hear('user.deleted');
      emitter.on('session.revoked', onRevoked);
      emitter.on('user.deleted', onDeleted);
      try {
        await http().delete('/me').set(bearer(account.accessToken)).expect(204);
      } finally {
        emitter.off('session.revoked', onRevoked);
        emitter.off('user.deleted', onDeleted);
      }

      const after = await rowsOfUser(app.t.app, account.user.id);
      for (const [held, count] of Object.entries(after))
        if (!KEPT_AFTER_DELETION.has(held.split('.')[0])) expect([held, count]).toEqual([held, 0]);
      expect(heard.map(([name, event]) => [name, { ...event, context: undefined }])).toEqual([
        [
          'session.revoked',
          { userId: account.user.id, sessionId: null, reason: 'deleted', context: undefined },
        ],
        ['user.deleted', { userId: account.user.id, cause: 'self', context: undefined }],
      ]);
      expect(heard[1][1].context).toMatchObject({ actorId: account.user.id });
      const [record] = await sql<{ details: unknown }>(
        app.t.app,
        "select details from userkit_audit_log where user_id = ? and type = 'user.deleted'",
        [account.user.id],
      );
      const details =
        typeof record.details === 'string' ? JSON.parse(record.details) : record.details;
      expect(details).toEqual({ cause: 'self' });

      // Every session is refused at once: both access tokens, the refresh token, the password.
      for (const token of [account.accessToken, account.secondSession])
        await http().get('/me').set(bearer(token)).expect(401);
      await http().post('/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
      await http()
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(401);
      await http().delete('/me').set(bearer(account.accessToken)).expect(401);
      // The address is free again.
      await signUp(http(), { email: account.email });
    });

    it('needs a recent sign-in: an old one is refused (403 REAUTHENTICATION_REQUIRED) and nothing goes', async () => {
      const account = await signUp(http());
      await ageSignIn(app.t.app, account.user.id);
      const refused = await http().delete('/me').set(bearer(account.accessToken)).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'REAUTHENTICATION_REQUIRED' });
      expect((await rowsOfUser(app.t.app, account.user.id))['userkit_users.id']).toBe(1);
      // A refresh does not count as a sign-in; signing in again does.
      const refreshed = await http()
        .post('/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      await http().delete('/me').set(bearer(refreshed.body.accessToken)).expect(403);
      const again = await http()
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
      await http().delete('/me').set(bearer(again.body.accessToken)).expect(204);
      expect((await rowsOfUser(app.t.app, account.user.id))['userkit_users.id']).toBe(0);
    });

    it('refuses the last admin (400 LAST_ADMIN); once another admin exists, the first may go', async () => {
      const refused = await http().delete('/me').set(bearer(admin.accessToken)).expect(400);
      expect(refused.body).toMatchObject({ statusCode: 400, code: 'LAST_ADMIN' });
      expect(refused.body.message).toMatch(/last admin/);
      await http().get('/me').set(bearer(admin.accessToken)).expect(200);

      const successor = await signUp(http());
      await http()
        .put(`/admin/users/${successor.user.id}/roles`)
        .set(bearer(admin.accessToken))
        .send({ roles: ['user', 'admin'] })
        .expect(200);
      const successorSignIn = await http()
        .post('/auth/login')
        .send({ email: successor.email, password: successor.password })
        .expect(200);
      await http().delete('/me').set(bearer(admin.accessToken)).expect(204);
      await http().get('/me').set(bearer(admin.accessToken)).expect(401);
      const last = await http()
        .delete('/me')
        .set(bearer(successorSignIn.body.accessToken))
        .expect(400);
      expect(last.body.code).toBe('LAST_ADMIN');
      admin = { accessToken: successorSignIn.body.accessToken, id: successor.user.id };
    });

    it('an admin’s deletion tells user.deleted cause admin', async () => {
      const account = await signUp(http());
      const heard: Array<Record<string, unknown>> = [];
      const emitter = app.t.app.get(EventEmitter2);
      const hear = (event: Record<string, unknown>) => heard.push(event);
      emitter.on('user.deleted', hear);
      try {
        await http()
          .delete(`/admin/users/${account.user.id}`)
          .set(bearer(admin.accessToken))
          .expect(204);
      } finally {
        emitter.off('user.deleted', hear);
      }
      expect(heard).toEqual([
        { userId: account.user.id, cause: 'admin', context: expect.any(Object) },
      ]);
    });
  });
});

describe('selfDeletion: false and the dataExport rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    ensureUiBuilt();
    t = await startTestApp({ env: { RATE_LIMIT: 'on' }, overrides: { selfDeletion: false } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 403 SELF_DELETION_DISABLED, even with a fresh sign-in, and keeps the user', async () => {
    const account = await signUp(t.http);
    const refused = await t.http.delete('/me').set(bearer(account.accessToken)).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'SELF_DELETION_DISABLED' });
    await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
  });

  it('tells the prebuilt pages, which then offer no "Delete account"', async () => {
    const page = await t.http.get('/account/sign-in').expect(200);
    expect(pageConfig(page.text)).toMatchObject({ selfDeletion: false });
  });

  it('limits exports to 3 a minute per address: the 4th is 429 with Retry-After', async () => {
    const account = await signUp(t.http);
    for (let i = 0; i < 3; i += 1)
      await t.http.get('/me/export').set(bearer(account.accessToken)).expect(200);
    const limited = await t.http.get('/me/export').set(bearer(account.accessToken)).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
