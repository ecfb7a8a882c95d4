import { ForbiddenException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  OrmContext,
  SESSION_REVOKED_REASONS,
  type ExternalAccountLinkedEvent,
  type ExternalAccountUnlinkedEvent,
  type UserUpdatedEvent,
  UserSessionsService,
  type NewUserDraft,
  type SessionRevokedEvent,
  type SessionRevokedReason,
  type UserCreationSource,
  type UserKitEventName,
} from '@userkit/user';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { Browser } from './support/browser.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import { LIFECYCLE_EVENTS } from './support/lifecycle-events.js';
import {
  FRONT_END,
  RETURN_TO,
  googlePerson,
  startOAuthApp,
  type Running,
} from './support/oauth-app.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';
import type { FileStorage, StoredFile } from '@userkit/user/profile-images';

const NEW_PASSWORD = 'saffron-lantern-cobalt-57';
/** A real 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let phoneCounter = 0;
function uniquePhone(): string {
  phoneCounter += 1;
  return `+1201555${String(7000 + phoneCounter).padStart(4, '0')}`;
}

/** Profile images in memory: nothing on disk. */
class MemoryFileStorage implements FileStorage {
  private readonly files = new Map<string, StoredFile>();
  async put(id: string, data: Uint8Array, contentType: string): Promise<void> {
    this.files.set(id, { data, contentType });
  }
  async get(id: string): Promise<StoredFile | null> {
    return this.files.get(id) ?? null;
  }
  async delete(id: string): Promise<void> {
    this.files.delete(id);
  }
}

interface Heard {
  name: UserKitEventName;
  payload: Record<string, unknown>;
}

/**
 * Every way a user comes to exist passes the host's hooks and `user.created` exactly once; every
 * way a session ends emits `session.revoked` with its cause. Through HTTP against the sample app
 * (OAuth against the local OAuth server), the hooks given as the host gives them, the events heard
 * on the app's EventEmitter2.
 */
describe('one write path: hooks and events for each creation source and revocation cause', () => {
  let provider: LocalOAuthServer;
  let app: Running;
  let admin: { accessToken: string; id: string };
  const inbox = new CapturingMessageSender();
  const drafts: NewUserDraft[] = [];
  const afterCreated: Array<{ id: string; email: string | null }> = [];
  const heard: Heard[] = [];
  const causesSeen = new Set<SessionRevokedReason>();

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    app = await startOAuthApp(
      provider,
      {
        messageSender: inbox,
        fileStorage: new MemoryFileStorage(),
        lifecycleHooks: {
          beforeCreate: (draft) => {
            drafts.push({ ...draft });
            if (draft.email?.startsWith('refused.')) throw new ForbiddenException('Not this one');
          },
          afterCreate: (user) => {
            afterCreated.push(user);
          },
        },
      },
      ADMIN_ENV,
    );
    const emitter = app.t.app.get(EventEmitter2);
    // The lifecycle events this suite is about, without the request's context (events.e2e-spec
    // checks it, and the security events).
    for (const name of LIFECYCLE_EVENTS)
      emitter.on(name, ({ context: _context, ...payload }: Record<string, unknown>) =>
        heard.push({ name, payload }),
      );
    admin = await signInAdmin(app.t.http);
  });
  afterAll(async () => {
    await app?.t.close();
    await provider?.stop();
  });

  const http = () => app.t.http;

  /** Where each record stands now: what happens after is what the action caused. */
  function mark() {
    return { drafts: drafts.length, afterCreated: afterCreated.length, heard: heard.length };
  }

  async function expectCreatedOnce(
    source: UserCreationSource,
    create: () => Promise<{ userId: string; email: string | null }>,
    isAnonymous = false,
  ): Promise<string> {
    const before = mark();
    const { userId, email } = await create();
    expect(drafts.slice(before.drafts).map((draft) => draft.source)).toEqual([source]);
    expect(afterCreated.slice(before.afterCreated)).toEqual([{ id: userId, email }]);
    const created = heard.slice(before.heard).filter((event) => event.name === 'user.created');
    expect(created.map((event) => event.payload)).toEqual([{ userId, isAnonymous, source }]);
    return userId;
  }

  function revokedSince(before: ReturnType<typeof mark>): SessionRevokedEvent[] {
    const revoked = heard
      .slice(before.heard)
      .filter((event) => event.name === 'session.revoked')
      .map((event) => event.payload as unknown as SessionRevokedEvent);
    for (const event of revoked) causesSeen.add(event.reason);
    return revoked;
  }

  async function currentSessionId(accessToken: string): Promise<string> {
    const sessions = await http().get('/me/sessions').set(bearer(accessToken)).expect(200);
    return (sessions.body as Array<{ id: string; current: boolean }>).find(
      (session) => session.current,
    )!.id;
  }

  /** A second session of the same account (another device). */
  async function signIn(email: string, password = GOOD_PASSWORD) {
    const response = await http().post('/auth/login').send({ email, password }).expect(200);
    return response.body as { accessToken: string; refreshToken: string };
  }

  /** The `user.updated` payloads heard since the mark. */
  function updatedSince(before: ReturnType<typeof mark>): UserUpdatedEvent[] {
    return heard
      .slice(before.heard)
      .filter((event) => event.name === 'user.updated')
      .map((event) => event.payload as unknown as UserUpdatedEvent);
  }

  /** Every event heard since the mark, as [name, payload]. */
  function eventsSince(before: ReturnType<typeof mark>): Array<[UserKitEventName, unknown]> {
    return heard.slice(before.heard).map((event) => [event.name, event.payload]);
  }

  async function anonymous() {
    const response = await http().post('/auth/signup/anonymous').send({}).expect(201);
    return response.body as { accessToken: string; refreshToken: string; user: { id: string } };
  }

  /** A browser that starts linking a provider to the signed-in user (see test/oauth.e2e-spec.ts). */
  async function startLink(accessToken: string, providerName: string) {
    const response = await http()
      .post('/me/external-accounts')
      .set(bearer(accessToken))
      .send({ provider: providerName, redirectUrl: RETURN_TO })
      .expect(201);
    const browser = new Browser();
    browser.receive(app.base, response.headers['set-cookie']);
    return { startUrl: response.body.externalVerificationRedirectURL as string, browser };
  }

  describe('creation: beforeCreate, afterCreate and user.created exactly once per source', () => {
    it('the admin made at start (UsersService.ensureAdmin) passed the hooks once, as admin', () => {
      expect(drafts.filter((draft) => draft.email === ADMIN_ENV.ADMIN_EMAIL)).toEqual([
        expect.objectContaining({ source: 'admin', isAnonymous: false }),
      ]);
      expect(afterCreated.filter((user) => user.id === admin.id)).toEqual([
        { id: admin.id, email: ADMIN_ENV.ADMIN_EMAIL },
      ]);
    });

    it('password sign-up', async () => {
      const email = uniqueEmail('signup');
      await expectCreatedOnce('password', async () => {
        const account = await signUp(http(), { email });
        return { userId: account.user.id, email };
      });
    });

    it('anonymous sign-in', async () => {
      await expectCreatedOnce(
        'anonymous',
        async () => ({ userId: (await anonymous()).user.id, email: null }),
        true,
      );
    });

    it('OAuth sign-in of a new provider account', async () => {
      provider.googlePerson = googlePerson();
      const email = provider.googlePerson.email as string;
      await expectCreatedOnce('oauth', async () => {
        const browser = new Browser();
        const { stoppedAt } = await browser.navigate(
          `${app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
          FRONT_END,
        );
        const tokens = await http()
          .post('/auth/oauth/exchange')
          .set('Cookie', browser.cookieHeader(app.base))
          .send({ code: stoppedAt!.searchParams.get('code') })
          .expect(200);
        return { userId: tokens.body.user.id as string, email };
      });
    });

    it('admin create (POST /admin/users)', async () => {
      const email = uniqueEmail('made-by-admin');
      await expectCreatedOnce('admin', async () => {
        const response = await http()
          .post('/admin/users')
          .set(bearer(admin.accessToken))
          .send({ email, displayName: 'Made', password: GOOD_PASSWORD })
          .expect(201);
        return { userId: response.body.id as string, email };
      });
    });

    it('a refused user (admin create, OAuth): beforeCreate once, then nothing after', async () => {
      let before = mark();
      await http()
        .post('/admin/users')
        .set(bearer(admin.accessToken))
        .send({ email: uniqueEmail('refused') })
        .expect(403);
      expect(drafts.slice(before.drafts).map((draft) => draft.source)).toEqual(['admin']);
      expect(afterCreated.length).toBe(before.afterCreated);
      expect(heard.slice(before.heard)).toEqual([]);

      before = mark();
      provider.googlePerson = googlePerson({ email: uniqueEmail('refused') });
      const { stoppedAt } = await new Browser().navigate(
        `${app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
        FRONT_END,
      );
      expect(stoppedAt!.searchParams.get('error')).toBe('sign_up_refused');
      expect(drafts.slice(before.drafts).map((draft) => draft.source)).toEqual(['oauth']);
      expect(afterCreated.length).toBe(before.afterCreated);
      expect(heard.slice(before.heard)).toEqual([]);
    });
  });

  describe('revocation: session.revoked with its cause', () => {
    it('logout: the session, once', async () => {
      const account = await signUp(http());
      const sessionId = await currentSessionId(account.accessToken);
      const before = mark();
      await http().post('/auth/logout').send({ refreshToken: account.refreshToken }).expect(204);
      await http().post('/auth/logout').send({ refreshToken: account.refreshToken }).expect(204);
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId, reason: 'logout' },
      ]);
    });

    it('refresh token reuse: the session', async () => {
      const account = await signUp(http());
      const sessionId = await currentSessionId(account.accessToken);
      await http().post('/auth/refresh').send({ refreshToken: account.refreshToken }).expect(200);
      const before = mark();
      await http().post('/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId, reason: 'refresh_token_reused' },
      ]);
    });

    it('password change: every other session', async () => {
      const account = await signUp(http());
      const other = await signIn(account.email);
      const before = mark();
      await http()
        .post('/me/password')
        .set(bearer(account.accessToken))
        .send({ currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId: null, reason: 'password_changed' },
      ]);
      expect(heard.slice(before.heard).find((event) => event.name === 'user.updated')).toEqual({
        name: 'user.updated',
        payload: { userId: account.user.id, changes: ['password'] },
      });
      await http().get('/me').set(bearer(other.accessToken)).expect(401);
      await http().get('/me').set(bearer(account.accessToken)).expect(200);
    });

    it('password reset: every session', async () => {
      const account = await signUp(http());
      await http().post('/auth/password/forgot').send({ email: account.email }).expect(202);
      const link = await inbox.waitForResetLink(account.email);
      const before = mark();
      await http()
        .post('/auth/password/reset')
        .send({ token: new URL(link.link).searchParams.get('token'), password: NEW_PASSWORD })
        .expect(204);
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId: null, reason: 'password_reset' },
      ]);
      await http().get('/me').set(bearer(account.accessToken)).expect(401);
    });

    it('ban: every session', async () => {
      const account = await signUp(http());
      const before = mark();
      await http()
        .post(`/admin/users/${account.user.id}/ban`)
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId: null, reason: 'banned' },
      ]);
    });

    it('delete: the sessions end with the user, then user.deleted', async () => {
      const account = await signUp(http());
      const before = mark();
      await http()
        .delete(`/admin/users/${account.user.id}`)
        .set(bearer(admin.accessToken))
        .expect(204);
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId: null, reason: 'deleted' },
      ]);
      expect(heard.slice(before.heard).map((event) => event.name)).toEqual([
        'session.revoked',
        'user.deleted',
      ]);
    });

    it('admin revoke (DELETE /admin/users/:id/sessions): every session', async () => {
      const account = await signUp(http());
      const before = mark();
      await http()
        .delete(`/admin/users/${account.user.id}/sessions`)
        .set(bearer(admin.accessToken))
        .expect(204);
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId: null, reason: 'admin_revoked' },
      ]);
    });

    it('the user revokes one of their sessions (DELETE /me/sessions/:id): that one', async () => {
      const account = await signUp(http());
      const other = await signIn(account.email);
      const otherSessionId = await currentSessionId(other.accessToken);
      const before = mark();
      await http()
        .delete(`/me/sessions/${otherSessionId}`)
        .set(bearer(account.accessToken))
        .expect(204);
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId: otherSessionId, reason: 'revoked_by_user' },
      ]);
    });

    it('the host signs the user out everywhere else (UserSessionsService.revokeOthers)', async () => {
      const account = await signUp(http());
      const other = await signIn(account.email);
      const sessionId = await currentSessionId(account.accessToken);
      const before = mark();
      await app.t.app
        .get(OrmContext)
        .run(() =>
          app.t.app
            .get(UserSessionsService)
            .revokeOthers(account.user.id, sessionId, 'revoked_by_user'),
        );
      expect(revokedSince(before)).toEqual([
        { userId: account.user.id, sessionId: null, reason: 'revoked_by_user' },
      ]);
      await http().get('/me').set(bearer(other.accessToken)).expect(401);
      await http().get('/me').set(bearer(account.accessToken)).expect(200);
    });

    it('anonymous upgrade with a password (POST /me/upgrade): the anonymous session', async () => {
      const guest = await anonymous();
      const sessionId = await currentSessionId(guest.accessToken);
      const before = mark();
      await http()
        .post('/me/upgrade')
        .set(bearer(guest.accessToken))
        .send({ email: uniqueEmail('upgraded'), password: GOOD_PASSWORD })
        .expect(200);
      expect(revokedSince(before)).toEqual([
        { userId: guest.user.id, sessionId, reason: 'upgraded' },
      ]);
    });

    it('anonymous upgrade through OAuth: the anonymous session', async () => {
      const guest = await anonymous();
      const sessionId = await currentSessionId(guest.accessToken);
      provider.googlePerson = googlePerson();
      const { startUrl, browser } = await startLink(guest.accessToken, 'google');
      const before = mark();
      const { stoppedAt } = await browser.navigate(startUrl, FRONT_END);
      expect(stoppedAt!.searchParams.get('code')).not.toBeNull();
      expect(revokedSince(before)).toEqual([
        { userId: guest.user.id, sessionId, reason: 'upgraded' },
      ]);
      // An upgrade creates no user.
      expect(heard.slice(before.heard).map((event) => event.name)).not.toContain('user.created');
    });

    it('every cause of SessionRevokedReason was heard above', () => {
      expect([...causesSeen].sort()).toEqual([...SESSION_REVOKED_REASONS].sort());
    });
  });

  describe('updates: user.updated once per change, naming what changed', () => {
    it('anonymous upgrade through OAuth: one user.updated shaped like the password upgrade', async () => {
      const byPassword = await anonymous();
      let before = mark();
      await http()
        .post('/me/upgrade')
        .set(bearer(byPassword.accessToken))
        .send({ email: uniqueEmail('upgraded'), password: GOOD_PASSWORD })
        .expect(200);
      expect(updatedSince(before)).toEqual([
        {
          userId: byPassword.user.id,
          changes: ['isAnonymous', 'emailAddresses', 'roles', 'password'],
        },
      ]);

      const guest = await anonymous();
      provider.googlePerson = googlePerson();
      const { startUrl, browser } = await startLink(guest.accessToken, 'google');
      before = mark();
      const { stoppedAt } = await browser.navigate(startUrl, FRONT_END);
      expect(stoppedAt!.searchParams.get('code')).not.toBeNull();
      // The provider's account comes in as the upgrade: no separate link events.
      expect(eventsSince(before).filter(([name]) => name !== 'session.revoked')).toEqual([
        [
          'user.updated',
          {
            userId: guest.user.id,
            changes: [
              'isAnonymous',
              'emailAddresses',
              'externalAccounts',
              'roles',
              'displayName',
              'firstName',
              'lastName',
              'picture',
            ],
          },
        ],
      ]);
      const me = await http()
        .post('/auth/oauth/exchange')
        .set('Cookie', browser.cookieHeader(app.base))
        .send({ code: stoppedAt!.searchParams.get('code') })
        .expect(200);
      expect(me.body.user).toMatchObject({ id: guest.user.id, isAnonymous: false });
    });

    it('link, then unlink: externalAccount.linked / .unlinked, each with user.updated once', async () => {
      const account = await signUp(http());
      provider.googlePerson = googlePerson();
      const providerUserId = provider.googlePerson.sub as string;
      const { startUrl, browser } = await startLink(account.accessToken, 'google');
      let before = mark();
      const { stoppedAt } = await browser.navigate(startUrl, FRONT_END);
      expect(stoppedAt!.searchParams.get('linked')).toBe('google');
      const linked: ExternalAccountLinkedEvent = {
        userId: account.user.id,
        provider: 'google',
        providerUserId,
      };
      expect(eventsSince(before)).toEqual([
        ['externalAccount.linked', linked],
        ['user.updated', { userId: account.user.id, changes: ['externalAccounts'] }],
      ]);

      const me = await http().get('/me').set(bearer(account.accessToken)).expect(200);
      const accountId = me.body.externalAccounts[0].id as string;
      before = mark();
      await http()
        .delete(`/me/external-accounts/${accountId}`)
        .set(bearer(account.accessToken))
        .expect(204);
      const unlinked: ExternalAccountUnlinkedEvent = {
        userId: account.user.id,
        provider: 'google',
        providerUserId,
      };
      expect(eventsSince(before)).toEqual([
        ['externalAccount.unlinked', unlinked],
        ['user.updated', { userId: account.user.id, changes: ['externalAccounts'] }],
      ]);
      // Gone already: 404, nothing heard.
      before = mark();
      await http()
        .delete(`/me/external-accounts/${accountId}`)
        .set(bearer(account.accessToken))
        .expect(404);
      expect(eventsSince(before)).toEqual([]);
    });

    it("an OAuth sign-in that brings the provider's new name: user.updated once; the same again: nothing", async () => {
      provider.googlePerson = googlePerson();
      const oauthSignIn = () =>
        new Browser().navigate(
          `${app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
          FRONT_END,
        );
      let before = mark();
      await oauthSignIn();
      const created = heard.slice(before.heard).find((event) => event.name === 'user.created');
      const userId = created!.payload.userId as string;
      before = mark();
      await oauthSignIn();
      expect(eventsSince(before)).toEqual([]);
      provider.googlePerson = { ...provider.googlePerson, name: 'Ada King' };
      before = mark();
      await oauthSignIn();
      expect(eventsSince(before)).toEqual([
        ['user.updated', { userId, changes: ['externalAccounts'] }],
      ]);
    });

    it('emails (/me/emails): add, verify, make primary, remove: user.updated once each', async () => {
      const account = await signUp(http());
      const first = (await http().get('/me').set(bearer(account.accessToken)).expect(200)).body
        .emailAddresses[0].id as string;
      const second = uniqueEmail('second');
      const changed = [{ userId: account.user.id, changes: ['emailAddresses'] }];

      let before = mark();
      const added = await http()
        .post('/me/emails')
        .set(bearer(account.accessToken))
        .send({ email: second })
        .expect(201);
      expect(eventsSince(before)).toEqual([['user.updated', changed[0]]]);

      before = mark();
      await http()
        .post(`/me/emails/${added.body.id}/verify`)
        .set(bearer(account.accessToken))
        .send({ code: inbox.lastCode(second) })
        .expect(200);
      expect(updatedSince(before)).toEqual(changed);

      before = mark();
      await http()
        .post(`/me/emails/${added.body.id}/primary`)
        .set(bearer(account.accessToken))
        .send({})
        .expect(200);
      expect(updatedSince(before)).toEqual(changed);
      // Already the primary: nothing changed, nothing heard.
      before = mark();
      await http()
        .post(`/me/emails/${added.body.id}/primary`)
        .set(bearer(account.accessToken))
        .send({})
        .expect(200);
      expect(eventsSince(before)).toEqual([]);

      before = mark();
      await http().delete(`/me/emails/${first}`).set(bearer(account.accessToken)).expect(204);
      expect(updatedSince(before)).toEqual(changed);
      // Refused changes emit nothing.
      before = mark();
      await http().delete(`/me/emails/${first}`).set(bearer(account.accessToken)).expect(404);
      await http()
        .post(`/me/emails/${added.body.id}/verify`)
        .set(bearer(account.accessToken))
        .send({ code: '000000' })
        .expect(400);
      expect(eventsSince(before)).toEqual([]);
    });

    it('phones (/me/phones): add, verify, make primary, remove: user.updated once each', async () => {
      const account = await signUp(http());
      const changed = [{ userId: account.user.id, changes: ['phoneNumbers'] }];
      const add = async (phoneNumber: string): Promise<string> => {
        const before = mark();
        const response = await http()
          .post('/me/phones')
          .set(bearer(account.accessToken))
          .send({ phoneNumber })
          .expect(201);
        expect(eventsSince(before)).toEqual([['user.updated', changed[0]]]);
        return response.body.id as string;
      };
      const first = await add(uniquePhone());
      const secondNumber = uniquePhone();
      const second = await add(secondNumber);

      let before = mark();
      await http()
        .post(`/me/phones/${second}/verify`)
        .set(bearer(account.accessToken))
        .send({ code: inbox.lastCode(secondNumber) })
        .expect(200);
      expect(updatedSince(before)).toEqual(changed);

      before = mark();
      await http()
        .post(`/me/phones/${second}/primary`)
        .set(bearer(account.accessToken))
        .send({})
        .expect(200);
      expect(updatedSince(before)).toEqual(changed);

      before = mark();
      await http().delete(`/me/phones/${first}`).set(bearer(account.accessToken)).expect(204);
      expect(updatedSince(before)).toEqual(changed);
    });

    it('two-factor on and off: user.updated naming twoFactorEnabled, once each', async () => {
      const account = await signUp(http());
      const changed = [{ userId: account.user.id, changes: ['twoFactorEnabled'] }];
      await awayFromStepEdge();
      let before = mark();
      const enrolled = await http()
        .post('/me/2fa/totp')
        .set(bearer(account.accessToken))
        .expect(201);
      // Pending until confirmed: GET /me still says off.
      expect(eventsSince(before)).toEqual([]);
      before = mark();
      const confirmed = await http()
        .post('/me/2fa/totp/verify')
        .set(bearer(account.accessToken))
        .send({ code: await codeAt(enrolled.body.secret, -30) })
        .expect(200);
      expect(eventsSince(before)).toEqual([['user.updated', changed[0]]]);

      before = mark();
      await http()
        .delete('/me/2fa')
        .set(bearer(account.accessToken))
        .send({ code: confirmed.body.backupCodes[0] })
        .expect(204);
      expect(eventsSince(before)).toEqual([['user.updated', changed[0]]]);
    });

    it('profile image (PUT /me/profile-image): user.updated naming picture, once', async () => {
      const account = await signUp(http());
      const before = mark();
      await http()
        .put('/me/profile-image')
        .set(bearer(account.accessToken))
        .attach('file', PNG, 'me.png')
        .expect(200);
      expect(eventsSince(before)).toEqual([
        ['user.updated', { userId: account.user.id, changes: ['picture'] }],
      ]);
    });

    it('a reset through an unverified address: ONE user.updated naming the password and all the take-over clean-up dropped', async () => {
      const account = await signUp(http());
      await http()
        .patch('/me')
        .set(bearer(account.accessToken))
        .send({ unsafeMetadata: { theme: 'dark' } })
        .expect(200);
      await http()
        .post('/me/emails')
        .set(bearer(account.accessToken))
        .send({ email: uniqueEmail('squatter') })
        .expect(201);
      await http()
        .post('/me/phones')
        .set(bearer(account.accessToken))
        .send({ phoneNumber: uniquePhone() })
        .expect(201);
      provider.googlePerson = googlePerson();
      const link = await startLink(account.accessToken, 'google');
      await link.browser.navigate(link.startUrl, FRONT_END);
      await awayFromStepEdge();
      const enrolled = await http()
        .post('/me/2fa/totp')
        .set(bearer(account.accessToken))
        .expect(201);
      await http()
        .post('/me/2fa/totp/verify')
        .set(bearer(account.accessToken))
        .send({ code: await codeAt(enrolled.body.secret, -30) })
        .expect(200);

      await http().post('/auth/password/forgot').send({ email: account.email }).expect(202);
      const { link: resetLink } = await inbox.waitForResetLink(account.email);
      const before = mark();
      await http()
        .post('/auth/password/reset')
        .send({ token: new URL(resetLink).searchParams.get('token'), password: NEW_PASSWORD })
        .expect(204);
      expect(updatedSince(before)).toEqual([
        {
          userId: account.user.id,
          changes: [
            'password',
            'emailAddresses',
            'phoneNumbers',
            'externalAccounts',
            'twoFactorEnabled',
            'unsafeMetadata',
          ],
        },
      ]);
      const signedIn = await signIn(account.email, NEW_PASSWORD);
      const me = await http().get('/me').set(bearer(signedIn.accessToken)).expect(200);
      expect(me.body).toMatchObject({
        emailAddresses: [{ email: account.email, verified: true, primary: true }],
        phoneNumbers: [],
        externalAccounts: [],
        twoFactorEnabled: false,
        unsafeMetadata: {},
      });
    });
  });
});
