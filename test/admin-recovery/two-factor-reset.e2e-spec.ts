import { ADMIN_ENV, expectAdminOnly, signInAdmin } from '../support/admin.js';
import { sql } from '../support/database-access.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { awayFromStepEdge, codeAt } from '../support/totp.js';
import { bearer, signUp, type SignedUp } from '../support/users.js';
import { hearEvents, type HeardEvent } from '../support/heard-events.js';

describe('DELETE /admin/users/:id/two-factor: an admin resets a locked-out user', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  let heard: HeardEvent[];
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
    heard = hearEvents(t.app, ['twoFactor.disabled', 'user.updated', 'admin.action']);
  });
  afterAll(async () => {
    await t.close();
  });

  async function enableTwoFactor(account: SignedUp): Promise<void> {
    await awayFromStepEdge();
    const enrolled = await t.http.post('/me/2fa/totp').set(bearer(account.accessToken)).expect(201);
    await t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(account.accessToken))
      .send({ code: await codeAt(enrolled.body.secret, -30) })
      .expect(200);
  }

  const rowsOf = async (table: string, userId: string) =>
    Number(
      (
        await sql<{ count: number | string }>(
          t.app,
          `select count(*) as count from ${table} where user_id = ?`,
          [userId],
        )
      )[0].count,
    );

  it('turns 2FA off without a code: authenticator, backup codes and challenges gone; password sign-in gives tokens again', async () => {
    const account = await signUp(t.http);
    await enableTwoFactor(account);
    // A sign-in now stops at the second step, leaving a challenge row.
    const challenged = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    expect(challenged.body.twoFactorRequired).toBe(true);
    expect(await rowsOf('userkit_backup_codes', account.user.id)).toBe(10);

    const mark = heard.length;
    await t.http
      .delete(`/admin/users/${account.user.id}/two-factor`)
      .set(bearer(admin.accessToken))
      .expect(204);

    for (const table of [
      'userkit_totp_credentials',
      'userkit_backup_codes',
      'userkit_two_factor_challenges',
    ])
      expect({ table, rows: await rowsOf(table, account.user.id) }).toEqual({ table, rows: 0 });
    const view = await t.http
      .get(`/admin/users/${account.user.id}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(view.body.twoFactorEnabled).toBe(false);
    const login = await t.http
      .post('/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    // The challenge issued before the reset no longer completes a sign-in.
    await t.http
      .post('/auth/login/2fa')
      .send({ challenge: challenged.body.challenge, code: '123456' })
      .expect(401);

    // Evented through the write path, the admin as the actor.
    const events = heard.slice(mark);
    expect(events.map((event) => [event.name, event.payload])).toEqual([
      ['twoFactor.disabled', { userId: account.user.id, method: 'totp' }],
      ['user.updated', { userId: account.user.id, changes: ['twoFactorEnabled'] }],
      [
        'admin.action',
        {
          route: 'DELETE /admin/users/:id/two-factor',
          targetUserId: account.user.id,
          params: { id: account.user.id },
        },
      ],
    ]);
    for (const event of events) expect(event.context.actorId).toBe(admin.id);
  });

  it('400 TWO_FACTOR_NOT_ENABLED when the user has it off (nothing emitted); 404 for an unknown user', async () => {
    const account = await signUp(t.http);
    const mark = heard.length;
    const off = await t.http
      .delete(`/admin/users/${account.user.id}/two-factor`)
      .set(bearer(admin.accessToken))
      .expect(400);
    expect(off.body).toMatchObject({ statusCode: 400, code: 'TWO_FACTOR_NOT_ENABLED' });
    expect(heard.slice(mark).filter((event) => event.name !== 'admin.action')).toEqual([]);
    for (const id of ['0190f3f0-0000-7000-8000-000000000000', 'not-an-id']) {
      const unknown = await t.http
        .delete(`/admin/users/${id}/two-factor`)
        .set(bearer(admin.accessToken))
        .expect(404);
      expect(unknown.body.code).toBe('USER_NOT_FOUND');
    }
  });

  it('is for admins only', async () => {
    const account = await signUp(t.http);
    await expectAdminOnly(t.http, 'delete', `/admin/users/${account.user.id}/two-factor`, null);
  });
});
