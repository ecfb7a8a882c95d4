import { randomUUID } from 'node:crypto';
import { ADMIN_ENV, expectAdminOnly, signInAdmin } from '../support/admin.js';
import { CapturingMessageSender } from '../support/captured-messages.js';
import { sql } from '../support/database-access.js';
import { hearEvents, type HeardEvent } from '../support/heard-events.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, signUp, uniqueEmail } from '../support/users.js';

const SET_PASSWORD = 'copper-meadow-falcon-38';
const UNKNOWN_ID = '0190f3f0-0000-7000-8000-000000000000';

describe('admin recovery: reset link, password set, address verified', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  let heard: HeardEvent[];
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, overrides: { messageSender: inbox } });
    admin = await signInAdmin(t.http);
    heard = hearEvents(t.app, [
      'password.changed',
      'session.revoked',
      'emailAddress.verified',
      'user.updated',
      'admin.action',
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const asAdmin = () => bearer(admin.accessToken);

  describe('POST /admin/users/:id/password-reset', () => {
    it("sends the forgot-password link to the user's primary address; the user redeems it", async () => {
      const account = await signUp(t.http);
      const before = inbox.messages.length;
      await t.http
        .post(`/admin/users/${account.user.id}/password-reset`)
        .set(asAdmin())
        .expect(202);
      const sent = inbox.messages.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ kind: 'resetLink', email: account.email });
      const token = sent[0].kind === 'resetLink' ? sent[0].token : '';
      expect(
        new URL(sent[0].kind === 'resetLink' ? sent[0].link : '').searchParams.get('token'),
      ).toBe(token);
      await t.http.post('/auth/password/reset').send({ token, password: SET_PASSWORD }).expect(204);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: SET_PASSWORD })
        .expect(200);
      // Single use, as the user's own link.
      await t.http
        .post('/auth/password/reset')
        .send({ token, password: 'another-fine-passphrase-71' })
        .expect(400);
    });

    it('400 NO_EMAIL_ADDRESS for a user without an address; 404 unknown user; 400 a body', async () => {
      const anonymous = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
      const none = await t.http
        .post(`/admin/users/${anonymous.body.user.id}/password-reset`)
        .set(asAdmin())
        .expect(400);
      expect(none.body).toMatchObject({ statusCode: 400, code: 'NO_EMAIL_ADDRESS' });
      const unknown = await t.http
        .post(`/admin/users/${UNKNOWN_ID}/password-reset`)
        .set(asAdmin())
        .expect(404);
      expect(unknown.body.code).toBe('USER_NOT_FOUND');
      const account = await signUp(t.http);
      await t.http
        .post(`/admin/users/${account.user.id}/password-reset`)
        .set(asAdmin())
        .send({ email: 'other@example.com' })
        .expect(400);
    });

    it('is for admins only', async () => {
      const account = await signUp(t.http);
      await expectAdminOnly(t.http, 'post', `/admin/users/${account.user.id}/password-reset`, null);
    });
  });

  describe('PUT /admin/users/:id/password', () => {
    it('sets it: the old one stops working, every session dies, password.changed via admin with the admin as actor', async () => {
      const account = await signUp(t.http);
      const mark = heard.length;
      await t.http
        .put(`/admin/users/${account.user.id}/password`)
        .set(asAdmin())
        .send({ password: SET_PASSWORD })
        .expect(204);
      await t.http.get('/me').set(bearer(account.accessToken)).expect(401);
      await t.http.post('/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(401);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: SET_PASSWORD })
        .expect(200);
      const events = heard
        .slice(mark)
        .filter(
          (event) => event.payload.userId === account.user.id || event.name === 'admin.action',
        );
      expect(events.map((event) => [event.name, event.payload])).toEqual([
        ['password.changed', { userId: account.user.id, via: 'admin' }],
        ['user.updated', { userId: account.user.id, changes: ['password'] }],
        ['session.revoked', { userId: account.user.id, sessionId: null, reason: 'admin_revoked' }],
        [
          'admin.action',
          {
            route: 'PUT /admin/users/:id/password',
            targetUserId: account.user.id,
            params: { id: account.user.id },
          },
        ],
      ]);
      for (const event of events) expect(event.context.actorId).toBe(admin.id);
    });

    it('lifts the password sign-in lock', async () => {
      const account = await signUp(t.http);
      await sql(t.app, 'update userkit_users set password_sign_in_disabled = ? where id = ?', [
        true,
        account.user.id,
      ]);
      const locked = await t.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(429);
      expect(locked.body.code).toBe('PASSWORD_SIGN_IN_DISABLED');
      await t.http
        .put(`/admin/users/${account.user.id}/password`)
        .set(asAdmin())
        .send({ password: SET_PASSWORD })
        .expect(204);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: SET_PASSWORD })
        .expect(200);
    });

    it('checks the password policy (400 WEAK_PASSWORD, nothing changed) and the body; 404 unknown user', async () => {
      const account = await signUp(t.http);
      const localPart = account.email.split('@')[0];
      for (const password of ['short', 'password123', `x-${localPart}-x`]) {
        const weak = await t.http
          .put(`/admin/users/${account.user.id}/password`)
          .set(asAdmin())
          .send({ password })
          .expect(400);
        expect(weak.body.code).toBe('WEAK_PASSWORD');
      }
      await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      for (const body of [{}, { password: 42 }, { password: SET_PASSWORD, roles: ['admin'] }]) {
        const bad = await t.http
          .put(`/admin/users/${account.user.id}/password`)
          .set(asAdmin())
          .send(body)
          .expect(400);
        expect(bad.body.code).toBe('VALIDATION_FAILED');
      }
      const unknown = await t.http
        .put(`/admin/users/${UNKNOWN_ID}/password`)
        .set(asAdmin())
        .send({ password: SET_PASSWORD })
        .expect(404);
      expect(unknown.body.code).toBe('USER_NOT_FOUND');
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
    });

    it('is for admins only', async () => {
      const account = await signUp(t.http);
      await expectAdminOnly(t.http, 'put', `/admin/users/${account.user.id}/password`, {
        password: SET_PASSWORD,
      });
    });
  });

  describe('POST /admin/users/:id/emails/:emailId/verify', () => {
    it('verifies the address without a code: the admin view shows it, events name the admin', async () => {
      const account = await signUp(t.http);
      const emailId = account.user.emailAddresses
        ? (account.user.emailAddresses as Array<{ id: string }>)[0].id
        : '';
      const mark = heard.length;
      const answer = await t.http
        .post(`/admin/users/${account.user.id}/emails/${emailId}/verify`)
        .set(asAdmin())
        .expect(200);
      expect(answer.body.id).toBe(account.user.id);
      expect(answer.body.emailAddresses).toEqual([
        expect.objectContaining({ id: emailId, email: account.email, verified: true }),
      ]);
      const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      expect(me.body.emailAddresses[0].verified).toBe(true);
      const events = heard.slice(mark);
      expect(events.map((event) => [event.name, event.payload])).toEqual([
        [
          'emailAddress.verified',
          { userId: account.user.id, identifierId: emailId, value: account.email },
        ],
        ['user.updated', { userId: account.user.id, changes: ['emailAddresses'] }],
        [
          'admin.action',
          {
            route: 'POST /admin/users/:id/emails/:emailId/verify',
            targetUserId: account.user.id,
            params: { id: account.user.id, emailId },
          },
        ],
      ]);
      for (const event of events) expect(event.context.actorId).toBe(admin.id);

      const again = await t.http
        .post(`/admin/users/${account.user.id}/emails/${emailId}/verify`)
        .set(asAdmin())
        .expect(400);
      expect(again.body.code).toBe('ALREADY_VERIFIED');
    });

    it('404 for an address of another user or none, and an unknown user; 409 EMAIL_TAKEN when another holds it', async () => {
      const owner = await signUp(t.http);
      const other = await signUp(t.http);
      const ownersEmailId = (owner.user.emailAddresses as Array<{ id: string }>)[0].id;
      for (const emailId of [ownersEmailId, UNKNOWN_ID, 'no.such.id']) {
        const missing = await t.http
          .post(`/admin/users/${other.user.id}/emails/${emailId}/verify`)
          .set(asAdmin())
          .expect(404);
        expect(missing.body.code).toBe('EMAIL_ADDRESS_NOT_FOUND');
      }
      const unknownUser = await t.http
        .post(`/admin/users/${UNKNOWN_ID}/emails/${ownersEmailId}/verify`)
        .set(asAdmin())
        .expect(404);
      expect(unknownUser.body.code).toBe('USER_NOT_FOUND');

      // `other` merely claims the owner's address (an unverified secondary, left by an older flow).
      const claimId = randomUUID();
      await sql(
        t.app,
        'insert into userkit_email_addresses (id, user_id, email, normalized_email, verified, "primary", created_at) values (?, ?, ?, ?, ?, ?, ?)',
        [claimId, other.user.id, owner.email, owner.email.toLowerCase(), false, false, new Date()],
      );
      const taken = await t.http
        .post(`/admin/users/${other.user.id}/emails/${claimId}/verify`)
        .set(asAdmin())
        .expect(409);
      expect(taken.body.code).toBe('EMAIL_TAKEN');
      const [row] = await sql<{ verified: boolean | number }>(
        t.app,
        'select verified from userkit_email_addresses where id = ?',
        [claimId],
      );
      expect(Boolean(row.verified)).toBe(false);
    });

    it("releases other users' unverified claims on the address it verifies", async () => {
      const holder = await signUp(t.http, { email: uniqueEmail('vouched') });
      const claimant = await signUp(t.http);
      const claimId = randomUUID();
      await sql(
        t.app,
        'insert into userkit_email_addresses (id, user_id, email, normalized_email, verified, "primary", created_at) values (?, ?, ?, ?, ?, ?, ?)',
        [
          claimId,
          claimant.user.id,
          holder.email,
          holder.email.toLowerCase(),
          false,
          false,
          new Date(),
        ],
      );
      const emailId = (holder.user.emailAddresses as Array<{ id: string }>)[0].id;
      await t.http
        .post(`/admin/users/${holder.user.id}/emails/${emailId}/verify`)
        .set(asAdmin())
        .expect(200);
      expect(
        await sql(t.app, 'select id from userkit_email_addresses where id = ?', [claimId]),
      ).toEqual([]);
    });

    it('is for admins only', async () => {
      const account = await signUp(t.http);
      const emailId = (account.user.emailAddresses as Array<{ id: string }>)[0].id;
      await expectAdminOnly(
        t.http,
        'post',
        `/admin/users/${account.user.id}/emails/${emailId}/verify`,
        null,
      );
    });
  });
});
