import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { readOAuthProviders } from '../apps/sample/src/oauth-provider-config.js';
import { Browser } from './support/browser.js';
import { sql } from './support/database-access.js';
import {
  FRONT_END,
  RETURN_TO,
  gitHubPerson,
  googlePerson,
  startOAuthApp,
  useOAuthApp,
  type Running,
} from './support/oauth-app.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { TEST_DB } from './support/test-database.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { bearer, signUp, uniqueEmail, type SignedUp } from './support/users.js';

const NEW_PASSWORD = 'copper-lantern-meadow-61';

/**
 * Account takeover through OAuth linking and unverified addresses (issue 17, items 1, 2 and 7),
 * each attack played end to end against the local OAuth server.
 */
describe('account takeover through OAuth linking and unverified addresses', () => {
  const oauth = useOAuthApp();

  const http = () => oauth.app.t.http;

  /** A whole round trip in the given (or a fresh) browser; returns where it came back to. */
  async function roundTrip(startUrl: string, browser = new Browser()) {
    const { stoppedAt, last } = await browser.navigate(startUrl, FRONT_END);
    if (!stoppedAt) throw new Error(`flow did not come back: ${last.status} ${last.body}`);
    return { back: stoppedAt, browser };
  }

  const signInStart = (providerName: string, query = '') =>
    `${oauth.app.base}/oauth/${providerName}?redirect_url=${encodeURIComponent(RETURN_TO)}${query}`;

  /** The exchange as the page the browser came back to makes it (that browser's cookies). */
  function exchange(code: string, browser: Browser | null, codeVerifier?: string) {
    const request = http().post('/auth/oauth/exchange');
    if (browser) request.set('Cookie', browser.cookieHeader(oauth.app.base));
    return request.send(codeVerifier ? { code, codeVerifier } : { code });
  }

  /** The link intent's URL, and the browser that asked for it (which holds its binding cookie). */
  async function startLinkIn(accessToken: string, providerName: string, browser = new Browser()) {
    const response = await http()
      .post('/me/external-accounts')
      .set(bearer(accessToken))
      .send({ provider: providerName, redirectUrl: RETURN_TO });
    expect(response.status).toBe(201);
    browser.receive(oauth.app.base, response.headers['set-cookie']);
    return {
      url: response.body.externalVerificationRedirectURL as string,
      browser,
      setCookie: response.headers['set-cookie'],
    };
  }

  /** A whole link round trip in the browser that asked for it. */
  async function link(accessToken: string, providerName: string) {
    const { url, browser } = await startLinkIn(accessToken, providerName);
    return roundTrip(url, browser);
  }

  async function enableTotp(accessToken: string): Promise<string> {
    await awayFromStepEdge();
    const enrolled = await http().post('/me/2fa/totp').set(bearer(accessToken)).expect(201);
    await http()
      .post('/me/2fa/totp/verify')
      .set(bearer(accessToken))
      .send({ code: await codeAt(enrolled.body.secret, -30) })
      .expect(200);
    return enrolled.body.secret as string;
  }

  async function resetPassword(email: string): Promise<void> {
    await http().post('/auth/password/forgot').send({ email }).expect(202);
    const link = new URL((await oauth.inbox.waitForResetLink(email)).link);
    await http()
      .post('/auth/password/reset')
      .send({ token: link.searchParams.get('token'), password: NEW_PASSWORD })
      .expect(204);
  }

  async function signInWithPassword(email: string, password: string) {
    return http().post('/auth/login').send({ email, password }).expect(200);
  }

  describe('a stolen session cannot add a way in, and 2FA holds for provider sign-ins (item 1)', () => {
    it('a refreshed session whose sign-in is old cannot start a link (403); a fresh sign-in can', async () => {
      const owner = await signUp(http());
      // The thief holds the refresh token of a session signed in two hours ago.
      await sql(
        oauth.app.t.app,
        'update userkit_sessions set authenticated_at = ? where user_id = ?',
        [new Date(Date.now() - 2 * 60 * 60 * 1000), owner.user.id],
      );
      const stolen = await http()
        .post('/auth/refresh')
        .send({ refreshToken: owner.refreshToken })
        .expect(200);
      const refused = await http()
        .post('/me/external-accounts')
        .set(bearer(stolen.body.accessToken))
        .send({ provider: 'github', redirectUrl: RETURN_TO });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'REAUTHENTICATION_REQUIRED' });

      const fresh = await signInWithPassword(owner.email, owner.password);
      await startLinkIn(fresh.body.accessToken, 'github');
    });

    it('a user with 2FA on who signs in through Google gets the challenge; only the code opens a session', async () => {
      const owner = await signUp(http());
      oauth.provider.googlePerson = googlePerson();
      const linked = await link(owner.accessToken, 'google');
      expect(linked.back.searchParams.get('linked')).toBe('google');
      const secret = await enableTotp(owner.accessToken);

      const { back, browser } = await roundTrip(signInStart('google'));
      const answer = await exchange(back.searchParams.get('code')!, browser);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });

      const wrong = await http()
        .post('/auth/login/2fa')
        .send({ challenge: answer.body.challenge, code: '000000' });
      expect(wrong.status).toBe(401);
      await awayFromStepEdge();
      const completed = await http()
        .post('/auth/login/2fa')
        .send({ challenge: answer.body.challenge, code: await codeAt(secret, 0) })
        .expect(200);
      expect(completed.body.user.id).toBe(owner.user.id);
      expect(completed.body.accessToken).toEqual(expect.any(String));
    });

    it('strangers who locked password sign-in (100 failures) do not block a 2FA user’s Google sign-in', async () => {
      const owner = await signUp(http());
      oauth.provider.googlePerson = googlePerson();
      await link(owner.accessToken, 'google');
      const secret = await enableTotp(owner.accessToken);
      await sql(
        oauth.app.t.app,
        'update userkit_users set failed_sign_in_count = 100, password_sign_in_disabled = ? where id = ?',
        [true, owner.user.id],
      );

      const { back, browser } = await roundTrip(signInStart('google'));
      const answer = await exchange(back.searchParams.get('code')!, browser).expect(200);
      expect(answer.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
      await awayFromStepEdge();
      const completed = await http()
        .post('/auth/login/2fa')
        .send({ challenge: answer.body.challenge, code: await codeAt(secret, 0) });
      expect(completed.status).toBe(200);
      expect(completed.body.user.id).toBe(owner.user.id);
      expect(completed.body.accessToken).toEqual(expect.any(String));

      const password = await http()
        .post('/auth/login')
        .send({ email: owner.email, password: owner.password });
      expect(password.status).toBe(429);
      expect(password.body.code).toBe('PASSWORD_SIGN_IN_DISABLED');
    });

    it('a link started before a password reset or change never completes after it', async () => {
      const owner = await signUp(http());
      oauth.provider.githubPerson = gitHubPerson([
        { email: uniqueEmail('thief'), primary: true, verified: true },
      ]);
      // Flow 1: an intent not opened yet. Flow 2: opened, waiting at the oauth.provider.
      const unopened = await startLinkIn(owner.accessToken, 'github');
      const thief = await startLinkIn(owner.accessToken, 'github');
      const atProvider = await thief.browser.get(thief.url);
      expect(atProvider.status).toBe(302);

      await resetPassword(owner.email);

      const afterReset = await unopened.browser.get(unopened.url);
      expect(afterReset.status).toBe(400);
      expect(JSON.parse(afterReset.body)).toMatchObject({ code: 'OAUTH_LINK_INTENT_INVALID' });
      const { back } = await roundTrip(atProvider.location!, thief.browser);
      expect(back.searchParams.get('error')).toBe('invalid_state');
      expect(back.searchParams.get('linked')).toBeNull();

      // A change of password (signed in again) ends the links its other sessions asked for.
      const signedIn = await signInWithPassword(owner.email, NEW_PASSWORD);
      const beforeChange = await startLinkIn(signedIn.body.accessToken, 'github');
      await http()
        .post('/me/password')
        .set(bearer(signedIn.body.accessToken))
        .send({ currentPassword: NEW_PASSWORD, newPassword: 'amber-falcon-quarry-47' })
        .expect(204);
      const afterChange = await beforeChange.browser.get(beforeChange.url);
      expect(afterChange.status).toBe(400);
      expect(JSON.parse(afterChange.body)).toMatchObject({ code: 'OAUTH_LINK_INTENT_INVALID' });

      // The pending account the links stored is no way in: it failed with the reason.
      const me = await http().get('/me').set(bearer(signedIn.body.accessToken)).expect(200);
      expect(me.body.externalAccounts).toEqual([
        expect.objectContaining({
          provider: 'github',
          providerUserId: null,
          verification: expect.objectContaining({
            status: 'failed',
            error: { code: 'invalid_state', message: expect.any(String) },
          }),
        }),
      ]);
      const rows = await sql(
        oauth.app.t.app,
        'select id from userkit_external_accounts where provider_user_id is not null and user_id = ?',
        [owner.user.id],
      );
      expect(rows).toEqual([]);
    });

    it('the owner gets a "new sign-in method linked" notice and an event', async () => {
      const owner = await signUp(http());
      const events: unknown[] = [];
      const hear = (payload: unknown) => events.push(payload);
      oauth.app.t.app.get(EventEmitter2).on('externalAccount.linked', hear);
      oauth.provider.githubPerson = gitHubPerson([
        { email: uniqueEmail('octo'), primary: true, verified: true },
      ]);
      const { back } = await link(owner.accessToken, 'github');
      oauth.app.t.app.get(EventEmitter2).off('externalAccount.linked', hear);
      expect(back.searchParams.get('linked')).toBe('github');
      expect(events).toEqual([
        {
          userId: owner.user.id,
          provider: 'github',
          providerUserId: String(oauth.provider.githubPerson.user.id),
          // Completed in the provider's callback, a public route: nobody signed in acted.
          context: expect.objectContaining({ actorId: null, actorSessionId: null }),
        },
      ]);
      expect(
        oauth.inbox.linkedNotices.filter((notice) => notice.user.id === owner.user.id),
      ).toEqual([
        expect.objectContaining({
          email: owner.email,
          provider: 'github',
          providerEmail: oauth.provider.githubPerson.emails[0].email,
          linkedAt: expect.any(Date),
        }),
      ]);
    });
  });

  describe('pre-account hijack through an unverified primary address (item 2)', () => {
    it('the attacker registers the victim’s address, links GitHub and turns on 2FA; the victim’s reset takes the account alone', async () => {
      const victimEmail = uniqueEmail('victim');
      const attacker = await signUp(http(), { email: victimEmail });
      oauth.provider.githubPerson = gitHubPerson([
        { email: uniqueEmail('attacker'), primary: true, verified: true },
      ]);
      const attackerGitHub = oauth.provider.githubPerson;
      await link(attacker.accessToken, 'github');
      await enableTotp(attacker.accessToken);
      await http()
        .patch('/me')
        .set(bearer(attacker.accessToken))
        .send({ unsafeMetadata: { planted: true } })
        .expect(200);

      // The victim's sign-up is refused; the victim recovers the address instead.
      await http()
        .post('/auth/signup')
        .send({ email: victimEmail, password: NEW_PASSWORD })
        .expect(409);
      await resetPassword(victimEmail);

      // The attacker's session and GitHub lead nowhere near the account any more.
      await http().get('/me').set(bearer(attacker.accessToken)).expect(401);
      oauth.provider.githubPerson = attackerGitHub;
      const { back, browser } = await roundTrip(signInStart('github'));
      const viaGitHub = await exchange(back.searchParams.get('code')!, browser);
      expect(viaGitHub.status).toBe(200);
      expect(viaGitHub.body.user.id).not.toBe(attacker.user.id);

      // The victim signs in with no second factor and finds the account clean.
      const victim = await signInWithPassword(victimEmail, NEW_PASSWORD);
      expect(victim.body.accessToken).toEqual(expect.any(String));
      expect(victim.body.user).toMatchObject({
        id: attacker.user.id,
        emailAddresses: [
          expect.objectContaining({ email: victimEmail, verified: true, primary: true }),
        ],
        externalAccounts: [],
        twoFactorEnabled: false,
        unsafeMetadata: {},
      });
    });

    it('the attacker moving the primary to their own address, or removing the victim’s, does not keep the account', async () => {
      const victimEmail = uniqueEmail('victim');
      const attacker = await signUp(http(), { email: victimEmail });
      await http().post('/auth/password/forgot').send({ email: victimEmail }).expect(202);
      const token = new URL(
        (await oauth.inbox.waitForResetLink(victimEmail)).link,
      ).searchParams.get('token');
      // Meanwhile the attacker verifies an address of their own and makes it the primary.
      const own = uniqueEmail('attacker-own');
      const added = await http()
        .post('/me/emails')
        .set(bearer(attacker.accessToken))
        .send({ email: own })
        .expect(201);
      await http()
        .post(`/me/emails/${added.body.id}/verify`)
        .set(bearer(attacker.accessToken))
        .send({ code: oauth.inbox.lastCode(own) })
        .expect(200);
      await http()
        .post(`/me/emails/${added.body.id}/primary`)
        .set(bearer(attacker.accessToken))
        .expect(200);
      await http().post('/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(204);
      const victim = await signInWithPassword(victimEmail, NEW_PASSWORD);
      expect(victim.body.user.emailAddresses).toEqual([
        expect.objectContaining({ email: victimEmail, verified: true, primary: true }),
      ]);

      // A link to an address the account has dropped since opens nothing.
      const second = await signUp(http(), { email: uniqueEmail('dropped') });
      await http().post('/auth/password/forgot').send({ email: second.email }).expect(202);
      const dropped = new URL(
        (await oauth.inbox.waitForResetLink(second.email)).link,
      ).searchParams.get('token');
      const other = uniqueEmail('kept-one');
      const kept = await http()
        .post('/me/emails')
        .set(bearer(second.accessToken))
        .send({ email: other })
        .expect(201);
      await http()
        .post(`/me/emails/${kept.body.id}/verify`)
        .set(bearer(second.accessToken))
        .send({ code: oauth.inbox.lastCode(other) })
        .expect(200);
      await http()
        .post(`/me/emails/${kept.body.id}/primary`)
        .set(bearer(second.accessToken))
        .expect(200);
      const [droppedAddress] = (
        await http().get('/me').set(bearer(second.accessToken)).expect(200)
      ).body.emailAddresses.filter((address: { email: string }) => address.email === second.email);
      await http()
        .delete(`/me/emails/${droppedAddress.id}`)
        .set(bearer(second.accessToken))
        .expect(204);
      await http()
        .post('/auth/password/reset')
        .send({ token: dropped, password: NEW_PASSWORD })
        .expect(400);
    });

    it('a guest upgrading with an address another user only claims takes it; that user’s old reset link answers 400, not 500', async () => {
      const victimEmail = uniqueEmail('victim');
      const attacker = await signUp(http(), { email: victimEmail });
      await http().post('/auth/password/forgot').send({ email: victimEmail }).expect(202);
      const token = new URL(
        (await oauth.inbox.waitForResetLink(victimEmail)).link,
      ).searchParams.get('token');
      const own = uniqueEmail('attacker-own');
      const added = await http()
        .post('/me/emails')
        .set(bearer(attacker.accessToken))
        .send({ email: own })
        .expect(201);
      await http()
        .post(`/me/emails/${added.body.id}/verify`)
        .set(bearer(attacker.accessToken))
        .send({ code: oauth.inbox.lastCode(own) })
        .expect(200);
      await http()
        .post(`/me/emails/${added.body.id}/primary`)
        .set(bearer(attacker.accessToken))
        .expect(200);
      // The victim's address is now a mere claim on the attacker's account; a guest upgrades with it.
      const guest = await http().post('/auth/signup/anonymous').send({}).expect(201);
      await http()
        .post('/me/upgrade')
        .set(bearer(guest.body.accessToken))
        .send({ email: victimEmail, password: NEW_PASSWORD })
        .expect(200);
      const claims = (await http().get('/me').set(bearer(attacker.accessToken)).expect(200)).body
        .emailAddresses as Array<{ email: string }>;
      expect(claims.map((address) => address.email)).toEqual([own]);
      const response = await http()
        .post('/auth/password/reset')
        .send({ token, password: 'An0ther-passw0rd-here' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_RESET_TOKEN');
      // Nothing half done: the guest still holds the address, the attacker's password is unchanged.
      await signInWithPassword(victimEmail, NEW_PASSWORD);
      await http()
        .post('/auth/login')
        .send({ email: own, password: 'An0ther-passw0rd-here' })
        .expect(401);
    });

    it('a reset through an address that was already verified keeps the other sign-in methods', async () => {
      const owner = await signUp(http());
      await sql(
        oauth.app.t.app,
        `update userkit_email_addresses set verified = ${TEST_DB === 'postgres' ? 'true' : '1'} where user_id = ?`,
        [owner.user.id],
      );
      oauth.provider.githubPerson = gitHubPerson([
        { email: uniqueEmail('kept'), primary: true, verified: true },
      ]);
      await link(owner.accessToken, 'github');
      await resetPassword(owner.email);
      const signedIn = await signInWithPassword(owner.email, NEW_PASSWORD);
      expect(signedIn.body.user.externalAccounts).toEqual([
        expect.objectContaining({ provider: 'github' }),
      ]);
    });
  });

  describe('login CSRF: an exchange code works only in the browser that started the flow (item 7)', () => {
    it('an attacker’s code opened by the victim signs nobody in', async () => {
      oauth.provider.googlePerson = googlePerson();
      const attackerFlow = await roundTrip(signInStart('google'));
      const code = attackerFlow.back.searchParams.get('code')!;
      // The victim's page exchanges the ?code= of the link it was sent: its browser has no (or
      // another flow's) binding cookie.
      const victimBrowser = new Browser();
      await victimBrowser.get(signInStart('google'));
      expect(victimBrowser.hasCookie(new URL(oauth.app.base).host, 'userkit_oauth')).toBe(true);
      const victim = await exchange(code, victimBrowser);
      expect(victim.status).toBe(401);
      expect(victim.body).toMatchObject({ code: 'OAUTH_CODE_INVALID' });
      expect(victim.body).not.toHaveProperty('accessToken');

      oauth.provider.googlePerson = googlePerson();
      const noCookie = await roundTrip(signInStart('google'));
      expect((await exchange(noCookie.back.searchParams.get('code')!, null)).status).toBe(401);

      oauth.provider.googlePerson = googlePerson();
      const own = await roundTrip(signInStart('google'));
      expect((await exchange(own.back.searchParams.get('code')!, own.browser)).status).toBe(200);
    });

    it('an attacker’s link intent opened by the victim links nothing: only the browser that asked may open it', async () => {
      const attacker = await signUp(http());
      oauth.provider.googlePerson = googlePerson();
      const { url: intentUrl, setCookie } = await startLinkIn(attacker.accessToken, 'google');
      expect(setCookie).toEqual([
        expect.stringMatching(/^userkit_oauth_link=[^;]+;.*; HttpOnly; SameSite=Lax$/),
      ]);
      // The victim, signed in to Google, opens the URL the attacker sent: the provider would
      // answer with the victim's Google account.
      const victimBrowser = new Browser();
      const opened = await victimBrowser.navigate(intentUrl, FRONT_END);
      expect(opened.stoppedAt).toBeNull();
      expect(opened.last.status).toBe(403);
      expect(JSON.parse(opened.last.body)).toMatchObject({
        code: 'OAUTH_LINK_INTENT_FOREIGN_BROWSER',
      });
      expect(opened.hops).toEqual([intentUrl]);
      // Only the attacker's own pending account: never verified, no provider account in it.
      const me = await http().get('/me').set(bearer(attacker.accessToken)).expect(200);
      expect(me.body.externalAccounts).toEqual([
        expect.objectContaining({
          provider: 'google',
          providerUserId: null,
          verification: expect.objectContaining({ status: 'unverified' }),
        }),
      ]);

      // The attacker's own intent opened with another intent's cookie fails as well; the browser
      // that asked for it links.
      const mine = await startLinkIn(attacker.accessToken, 'google');
      const other = await startLinkIn(attacker.accessToken, 'google');
      expect((await other.browser.get(mine.url)).status).toBe(403);
      const fresh = await startLinkIn(attacker.accessToken, 'google');
      const { back } = await roundTrip(fresh.url, fresh.browser);
      expect(back.searchParams.get('linked')).toBe('google');
    });

    it('a front-end on another site binds its code with code_challenge: only its verifier redeems it', async () => {
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const start = signInStart('google', `&code_challenge=${challenge}`);

      oauth.provider.googlePerson = googlePerson();
      const stolen = await roundTrip(start);
      const otherVerifier = randomBytes(32).toString('base64url');
      expect(
        (await exchange(stolen.back.searchParams.get('code')!, null, otherVerifier)).status,
      ).toBe(401);

      oauth.provider.googlePerson = googlePerson();
      const withNull = await roundTrip(start);
      const nullVerifier = await http()
        .post('/auth/oauth/exchange')
        .send({ code: withNull.back.searchParams.get('code'), codeVerifier: null });
      // An optional field refuses null (the library's IsOptional): a 400, never a 500.
      expect(nullVerifier.status).toBe(400);
      expect(nullVerifier.body.code).toBe('VALIDATION_FAILED');

      oauth.provider.googlePerson = googlePerson();
      const own = await roundTrip(start);
      const tokens = await exchange(own.back.searchParams.get('code')!, null, verifier);
      expect(tokens.status).toBe(200);
      expect(tokens.body.user.primaryEmail).toBe(oauth.provider.googlePerson.email);

      await http()
        .get(`/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}&code_challenge=short`)
        .expect(400);
      await http()
        .post('/auth/oauth/exchange')
        .send({ code: 'x', codeVerifier: 'not a verifier' })
        .expect(400);
    });
  });
});

describe('a provider the host trusts for the second factor (skipTwoFactor)', () => {
  let provider: LocalOAuthServer;
  let app: Running;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    const providers = readOAuthProviders(provider.env());
    app = await startOAuthApp(provider, {
      providers: { ...providers, google: { ...providers.google, skipTwoFactor: true } },
    });
  });
  afterAll(async () => {
    await app?.t.close();
    await provider?.stop();
  });

  it('signs a user with 2FA on straight in through that provider, and still asks through the others', async () => {
    const owner: SignedUp = await signUp(app.t.http);
    const link = async (providerName: string) => {
      const response = await app.t.http
        .post('/me/external-accounts')
        .set(bearer(owner.accessToken))
        .send({ provider: providerName, redirectUrl: RETURN_TO })
        .expect(201);
      const browser = new Browser();
      browser.receive(app.base, response.headers['set-cookie']);
      await browser.navigate(response.body.externalVerificationRedirectURL, FRONT_END);
    };
    provider.googlePerson = googlePerson();
    await link('google');
    provider.githubPerson = gitHubPerson([
      { email: uniqueEmail('gh'), primary: true, verified: true },
    ]);
    await link('github');
    await awayFromStepEdge();
    const enrolled = await app.t.http
      .post('/me/2fa/totp')
      .set(bearer(owner.accessToken))
      .expect(201);
    await app.t.http
      .post('/me/2fa/totp/verify')
      .set(bearer(owner.accessToken))
      .send({ code: await codeAt(enrolled.body.secret, -30) })
      .expect(200);

    const signIn = async (providerName: string) => {
      const browser = new Browser();
      const { stoppedAt } = await browser.navigate(
        `${app.base}/oauth/${providerName}?redirect_url=${encodeURIComponent(RETURN_TO)}`,
        FRONT_END,
      );
      return app.t.http
        .post('/auth/oauth/exchange')
        .set('Cookie', browser.cookieHeader(app.base))
        .send({ code: stoppedAt!.searchParams.get('code') })
        .expect(200);
    };
    const trusted = await signIn('google');
    expect(trusted.body.user.id).toBe(owner.user.id);
    expect(trusted.body.accessToken).toEqual(expect.any(String));
    const other = await signIn('github');
    expect(other.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
  });
});
