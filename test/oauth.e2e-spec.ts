import { ForbiddenException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Browser } from './support/browser.js';
import { sql } from './support/database-access.js';
import { TEST_DB } from './support/test-database.js';
import {
  FRONT_END,
  RETURN_TO,
  gitHubPerson,
  googlePerson,
  startOAuthApp,
  type Running,
} from './support/oauth-app.js';
import { LocalOAuthServer } from './support/oauth-server.js';
import { bearer, signUp, uniqueEmail } from './support/users.js';

describe('OAuth sign-in and account linking against a local OAuth server', () => {
  let provider: LocalOAuthServer;
  let app: Running;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    app = await startOAuthApp(provider);
  });
  afterAll(async () => {
    await app?.t.close();
    await provider?.stop();
  });

  /** Runs a whole round trip in a fresh (or given) browser; returns where it came back to. */
  async function roundTrip(
    providerName: string,
    options: { browser?: Browser; startUrl?: string } = {},
  ): Promise<{ back: URL; browser: Browser; hops: string[] }> {
    const browser = options.browser ?? new Browser();
    const start =
      options.startUrl ??
      `${app.base}/oauth/${providerName}?redirect_url=${encodeURIComponent(RETURN_TO)}`;
    const { stoppedAt, hops, last } = await browser.navigate(start, FRONT_END);
    if (!stoppedAt) throw new Error(`flow did not come back: ${last.status} ${last.body}`);
    return { back: stoppedAt, browser, hops };
  }

  /** The exchange as the page the browser came back to makes it (with the browser's cookies). */
  async function exchange(code: string, browser?: Browser) {
    const request = app.t.http.post('/auth/oauth/exchange');
    if (browser) request.set('Cookie', browser.cookieHeader(app.base));
    return request.send({ code });
  }

  async function signInWith(providerName: string) {
    const { back, browser } = await roundTrip(providerName);
    const code = back.searchParams.get('code');
    if (!code) throw new Error(`no code: ${back.href}`);
    const tokens = await exchange(code, browser);
    expect(tokens.status).toBe(200);
    return tokens.body as { accessToken: string; refreshToken: string; user: Record<string, any> };
  }

  async function markEmailVerified(email: string) {
    await sql(
      app.t.app,
      `update userkit_email_addresses set verified = ${TEST_DB === 'postgres' ? 'true' : '1'} where normalized_email = ?`,
      [email.toLowerCase()],
    );
  }

  /** Lands on the provider, with state and PKCE; the callback comes back to the app. */
  async function providerCallbackUrl(browser: Browser, providerName = 'google'): Promise<URL> {
    const start = await browser.get(
      `${app.base}/oauth/${providerName}?redirect_url=${encodeURIComponent(RETURN_TO)}`,
    );
    expect(start.status).toBe(302);
    const authorize = await browser.get(start.location!);
    expect(authorize.status).toBe(302);
    return new URL(authorize.location!);
  }

  describe('sign-in', () => {
    it('creates a new user from a Google profile: verified email, picture, names, external account', async () => {
      provider.googlePerson = googlePerson({
        // Profile fields that look like privileges are ignored.
        role: 'admin',
        roles: ['admin'],
        isAdmin: true,
        publicMetadata: { plan: 'gold' },
        privateMetadata: { note: 'x' },
      });
      const person = provider.googlePerson;
      const created: unknown[] = [];
      const hear = (payload: unknown) => created.push(payload);
      app.t.app.get(EventEmitter2).on('user.created', hear);
      const { back, hops, browser } = await roundTrip('google');
      app.t.app.get(EventEmitter2).off('user.created', hear);
      // state and PKCE S256 travelled to the provider
      const authorize = new URL(hops[1]);
      expect(authorize.origin).toBe(provider.url);
      expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(authorize.searchParams.get('redirect_uri')).toBe(`${app.base}/oauth/google/callback`);
      // The code comes back in the redirect; no token ever does.
      expect(back.origin + back.pathname).toBe(RETURN_TO);
      expect([...back.searchParams.keys()]).toEqual(['code']);
      const tokens = await exchange(back.searchParams.get('code')!, browser);
      expect(tokens.status).toBe(200);
      expect(tokens.body).toMatchObject({
        tokenType: 'Bearer',
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      const me = await app.t.http.get('/me').set(bearer(tokens.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({
        displayName: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        picture: 'https://images.example/ada.png',
        primaryEmail: person.email,
        emailAddresses: [{ email: person.email, verified: true, primary: true }],
        externalAccounts: [
          {
            provider: 'google',
            providerUserId: person.sub,
            email: person.email,
            displayName: 'Ada Lovelace',
            picture: 'https://images.example/ada.png',
            verification: { status: 'verified', error: null },
          },
        ],
        roles: ['user'],
        publicMetadata: {},
        isAnonymous: false,
      });
      const [row] = await sql<{ private_metadata: unknown }>(
        app.t.app,
        'select private_metadata from userkit_users where id = ?',
        [me.body.id],
      );
      const privateMetadata =
        typeof row.private_metadata === 'string'
          ? JSON.parse(row.private_metadata)
          : row.private_metadata;
      expect(privateMetadata).toEqual({});
      // Hosts hear of users made by OAuth as of any other.
      expect(created).toEqual([
        {
          userId: me.body.id,
          isAnonymous: false,
          source: 'oauth',
          // The provider's callback is a public route: nobody signed in acted.
          context: expect.objectContaining({ actorId: null, actorSessionId: null }),
        },
      ]);
    });

    it('drops control characters a provider sends (no 500, no NUL stored)', async () => {
      provider.googlePerson = googlePerson({
        name: 'Eve\u0000 Null',
        email: 'e\u0000ve@example.com',
      });
      const signedIn = await signInWith('google');
      expect(signedIn.user.displayName).toBe('Eve Null');
      expect(signedIn.user.emailAddresses).toEqual([]);
    });

    it('signs the same Google account in again as the same user', async () => {
      provider.googlePerson = googlePerson();
      const first = await signInWith('google');
      provider.googlePerson = { ...provider.googlePerson, name: 'Ada King' };
      const second = await signInWith('google');
      expect(second.user.id).toBe(first.user.id);
      expect(second.user.externalAccounts).toHaveLength(1);
      expect(second.user.externalAccounts[0].displayName).toBe('Ada King');
      expect(second.refreshToken).not.toBe(first.refreshToken);
    });

    it('GitHub: only the primary and verified address counts as verified', async () => {
      const primary = uniqueEmail('octo');
      const secondary = uniqueEmail('octo-other');
      provider.githubPerson = gitHubPerson([
        { email: secondary, primary: false, verified: true },
        { email: primary, primary: true, verified: true },
      ]);
      const signedIn = await signInWith('github');
      expect(signedIn.user).toMatchObject({
        primaryEmail: primary,
        displayName: 'Octo Cat',
        picture: 'https://avatars.example/octo.png',
        externalAccounts: [
          {
            provider: 'github',
            providerUserId: String(provider.githubPerson.user.id),
            email: primary,
          },
        ],
      });
      const emails = signedIn.user.emailAddresses as Array<Record<string, unknown>>;
      expect(emails).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ email: primary, verified: true, primary: true }),
          expect.objectContaining({ email: secondary, verified: false, primary: false }),
        ]),
      );
    });

    it('GitHub: a primary address GitHub has not verified stays unverified', async () => {
      const primary = uniqueEmail('octo-unverified');
      provider.githubPerson = gitHubPerson([{ email: primary, primary: true, verified: false }]);
      const signedIn = await signInWith('github');
      expect(signedIn.user.emailAddresses).toEqual([
        expect.objectContaining({ email: primary, verified: false, primary: true }),
      ]);
    });

    it('answers 404 for an unknown provider and for one without a client id', async () => {
      const unknown = await app.t.http.get(
        `/oauth/facebook?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, code: 'OAUTH_PROVIDER_NOT_FOUND' });
      await app.t.http.get('/oauth/facebook/callback?code=x&state=y').expect(404);
    });
  });

  describe('linking by email', () => {
    it('auto-links when the provider and the user both verified the address', async () => {
      const account = await signUp(app.t.http);
      await markEmailVerified(account.email);
      provider.googlePerson = googlePerson({ email: account.email, email_verified: true });
      const signedIn = await signInWith('google');
      expect(signedIn.user.id).toBe(account.user.id);
      expect(signedIn.user.externalAccounts).toEqual([
        expect.objectContaining({ provider: 'google', providerUserId: provider.googlePerson.sub }),
      ]);
      // Later sign-ins find it by (provider, provider user id), even with another email.
      provider.googlePerson = { ...provider.googlePerson, email: uniqueEmail('renamed') };
      expect((await signInWith('google')).user.id).toBe(account.user.id);
    });

    it('refuses when the user has not verified the address: nothing changes', async () => {
      const account = await signUp(app.t.http); // email unverified
      provider.googlePerson = googlePerson({
        email: account.email.toUpperCase(),
        email_verified: true,
      });
      const { back } = await roundTrip('google');
      expect(back.searchParams.get('error')).toBe('account_exists_sign_in_to_link');
      expect(back.searchParams.get('code')).toBeNull();
      const me = await app.t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      expect(me.body.externalAccounts).toEqual([]);
      const rows = await sql(
        app.t.app,
        'select id from userkit_external_accounts where provider_user_id = ?',
        [provider.googlePerson.sub],
      );
      expect(rows).toHaveLength(0);
    });

    it('refuses when the provider has not verified the address (GitHub, not verified)', async () => {
      const account = await signUp(app.t.http);
      await markEmailVerified(account.email);
      provider.githubPerson = gitHubPerson([
        { email: account.email, primary: true, verified: false },
      ]);
      const { back } = await roundTrip('github');
      expect(back.searchParams.get('error')).toBe('account_exists_sign_in_to_link');
      const me = await app.t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      expect(me.body.externalAccounts).toEqual([]);
    });

    it('never links by a GitHub login name or a verified but non-primary address', async () => {
      const account = await signUp(app.t.http);
      await markEmailVerified(account.email);
      provider.githubPerson = gitHubPerson([
        { email: uniqueEmail('mine'), primary: true, verified: true },
        { email: account.email, primary: false, verified: true },
      ]);
      const { back } = await roundTrip('github');
      expect(back.searchParams.get('error')).toBe('account_exists_sign_in_to_link');
    });
  });

  describe('state', () => {
    it('missing state: redirect with error=invalid_state, no code; without any flow: 400', async () => {
      const browser = new Browser();
      const callback = await providerCallbackUrl(browser);
      callback.searchParams.delete('state');
      const response = await browser.get(callback.href);
      expect(response.status).toBe(302);
      const back = new URL(response.location!);
      expect(back.origin + back.pathname).toBe(RETURN_TO);
      expect(back.searchParams.get('error')).toBe('invalid_state');
      expect(back.searchParams.get('code')).toBeNull();
      const stranger = await new Browser().get(`${app.base}/oauth/google/callback?code=abc`);
      expect(stranger.status).toBe(400);
      expect(JSON.parse(stranger.body)).toMatchObject({ code: 'OAUTH_NO_REDIRECT' });
    });

    it('wrong state: error=invalid_state', async () => {
      const browser = new Browser();
      const callback = await providerCallbackUrl(browser);
      callback.searchParams.set('state', 'A'.repeat(43));
      const response = await browser.get(callback.href);
      expect(new URL(response.location!).searchParams.get('error')).toBe('invalid_state');
    });

    it('replayed state: the second use is refused, no second code', async () => {
      provider.googlePerson = googlePerson();
      const browser = new Browser();
      const callback = await providerCallbackUrl(browser);
      const first = await browser.get(callback.href);
      expect(new URL(first.location!).searchParams.get('code')).toEqual(expect.any(String));
      const again = await browser.get(callback.href, { cookie: '' });
      const back = new URL(again.location!);
      expect(back.searchParams.get('error')).toBe('invalid_state');
      expect(back.searchParams.get('code')).toBeNull();
    });

    it('two concurrent callbacks with one state: exactly one gets a code', async () => {
      provider.googlePerson = googlePerson();
      const browser = new Browser();
      const callback = await providerCallbackUrl(browser);
      const answers = await Promise.all([browser.get(callback.href), browser.get(callback.href)]);
      const codes = answers.map((answer) => new URL(answer.location!).searchParams.get('code'));
      expect(codes.filter(Boolean)).toHaveLength(1);
    });

    it('a state presented by another browser (login CSRF) is refused', async () => {
      provider.googlePerson = googlePerson();
      const callback = await providerCallbackUrl(new Browser());
      const victim = await new Browser().get(callback.href);
      expect(victim.status).toBe(302);
      expect(new URL(victim.location!).searchParams.get('error')).toBe('invalid_state');
    });

    it('a state from the other provider is refused', async () => {
      provider.googlePerson = googlePerson();
      const browser = new Browser();
      const callback = await providerCallbackUrl(browser, 'google');
      callback.pathname = '/oauth/github/callback';
      const response = await browser.get(callback.href);
      expect(new URL(response.location!).searchParams.get('error')).toBe('invalid_state');
    });

    it('an expired state is refused', async () => {
      const browser = new Browser();
      const callback = await providerCallbackUrl(browser);
      await sql(app.t.app, 'update userkit_oauth_states set expires_at = ? where used_at is null', [
        new Date(Date.now() - 1000),
      ]);
      const response = await browser.get(callback.href);
      expect(new URL(response.location!).searchParams.get('error')).toBe('invalid_state');
    });

    it('stores digests only: neither the state nor the browser cookie is in the database', async () => {
      const browser = new Browser();
      const callback = await providerCallbackUrl(browser);
      const state = callback.searchParams.get('state')!;
      const rows = await sql<{ state_hash: string }>(
        app.t.app,
        'select state_hash from userkit_oauth_states where state_hash = ? or state_hash = ?',
        [state, state.toLowerCase()],
      );
      expect(rows).toHaveLength(0);
      expect(browser.hasCookie(new URL(app.base).host, 'userkit_oauth')).toBe(true);
    });

    it('a wrong PKCE verifier (an authorization code injected into another flow) fails at the provider', async () => {
      provider.googlePerson = googlePerson();
      const browser = new Browser();
      const first = await providerCallbackUrl(browser); // code A, bound to challenge A
      const second = await providerCallbackUrl(browser); // state B: its verifier is B's
      const injected = new URL(second.href);
      injected.searchParams.set('code', first.searchParams.get('code')!);
      const response = await browser.get(injected.href);
      const back = new URL(response.location!);
      expect(back.searchParams.get('error')).toBe('oauth_failed');
      expect(back.searchParams.get('code')).toBeNull();
    });

    it('a provider error (the user said no) comes back as error=access_denied', async () => {
      const browser = new Browser();
      provider.service.once('beforeAuthorizeRedirect', ({ url }: { url: URL }) => {
        url.searchParams.delete('code');
        url.searchParams.set('error', 'access_denied');
      });
      const { back } = await roundTrip('google', { browser });
      expect(back.searchParams.get('error')).toBe('access_denied');
    });
  });

  describe('redirect_url', () => {
    const attacks = [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      'http://127.0.0.1:5173.evil.example/auth/done',
      'http://127.0.0.1:5173@evil.example/auth/done',
      'http://evil.example@127.0.0.1:5173/auth/done',
      'http://127.0.0.1:5174/auth/done',
      'https://127.0.0.1:5173/auth/done',
      'http://127.0.0.1:5173/authority',
      'http://127.0.0.1:5173/other',
      'http:\\\\127.0.0.1:5173/auth/done',
      ' http://127.0.0.1:5173/auth/done',
    ];
    it.each(attacks)('refuses %p with 400 before any redirect', async (target) => {
      const response = await new Browser().get(
        `${app.base}/oauth/google?redirect_url=${encodeURIComponent(target)}`,
      );
      expect(response.status).toBe(400);
      expect(response.location).toBeNull();
      expect(JSON.parse(response.body)).toMatchObject({ code: 'REDIRECT_NOT_ALLOWED' });
    });

    it('refuses a start without redirect_url', async () => {
      await app.t.http.get('/oauth/google').expect(400);
    });

    it('accepts a path under the allowed prefix, keeping its query', async () => {
      provider.googlePerson = googlePerson();
      const { back } = await roundTrip('google', {
        startUrl: `${app.base}/oauth/google?redirect_url=${encodeURIComponent(`${FRONT_END}/auth/x?tab=1`)}`,
      });
      expect(back.pathname).toBe('/auth/x');
      expect(back.searchParams.get('tab')).toBe('1');
      expect(back.searchParams.get('code')).toEqual(expect.any(String));
    });
  });

  describe('exchange code', () => {
    it('is single use', async () => {
      provider.googlePerson = googlePerson();
      const { back, browser } = await roundTrip('google');
      const code = back.searchParams.get('code')!;
      expect((await exchange(code, browser)).status).toBe(200);
      const reused = await exchange(code, browser);
      expect(reused.status).toBe(401);
      expect(reused.body).toMatchObject({ code: 'OAUTH_CODE_INVALID' });
    });

    it('dies after 60 s', async () => {
      provider.googlePerson = googlePerson();
      const { back, browser } = await roundTrip('google');
      await sql(
        app.t.app,
        'update userkit_oauth_exchange_codes set expires_at = ? where used_at is null',
        [new Date(Date.now() - 1000)],
      );
      expect((await exchange(back.searchParams.get('code')!, browser)).status).toBe(401);
    });

    it('refuses unknown codes and bad bodies', async () => {
      expect((await exchange('not-a-code')).status).toBe(401);
      await app.t.http.post('/auth/oauth/exchange').send({}).expect(400);
      await app.t.http.post('/auth/oauth/exchange').send({ code: 'x', extra: 1 }).expect(400);
      await app.t.http.post('/auth/oauth/exchange').send({ code: 12 }).expect(400);
    });
  });

  describe('linking while signed in, and unlinking', () => {
    /** The intent URL, and the browser that asked for it (holding the cookie it is bound to). */
    async function startLink(accessToken: string, providerName: string) {
      const response = await app.t.http
        .post('/me/external-accounts')
        .set(bearer(accessToken))
        .send({ provider: providerName, redirectUrl: RETURN_TO });
      expect(response.status).toBe(201);
      const browser = new Browser();
      browser.receive(app.base, response.headers['set-cookie']);
      return {
        startUrl: response.body.verification.externalVerificationRedirectURL as string,
        browser,
        account: response.body as { id: string; verification: Record<string, unknown> },
      };
    }

    it('links a GitHub account to the signed-in user; it shows on /me as verified', async () => {
      const account = await signUp(app.t.http);
      provider.githubPerson = gitHubPerson([
        { email: uniqueEmail('linked'), primary: true, verified: true },
      ]);
      const started = await startLink(account.accessToken, 'github');
      expect(started.startUrl.startsWith(`${app.base}/oauth/github?intent=`)).toBe(true);
      const { back } = await roundTrip('github', started);
      expect(back.searchParams.get('linked')).toBe('github');
      expect(back.searchParams.get('code')).toBeNull();
      const me = await app.t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      // The pending account the link stored is the one the round trip verified.
      expect(me.body.externalAccounts).toEqual([
        expect.objectContaining({
          id: started.account.id,
          provider: 'github',
          providerUserId: String(provider.githubPerson.user.id),
          verification: {
            status: 'verified',
            error: null,
            expireAt: null,
            externalVerificationRedirectURL: null,
          },
        }),
      ]);
      // The intent is single use, even in the browser that asked for it.
      const replay = await started.browser.get(started.startUrl);
      expect(replay.status).toBe(400);
    });

    it('refuses to link an account that belongs to another user (409-style error)', async () => {
      provider.googlePerson = googlePerson();
      await signInWith('google'); // the Google account now has its own user
      const other = await signUp(app.t.http);
      const started = await startLink(other.accessToken, 'google');
      const { back } = await roundTrip('google', started);
      expect(back.searchParams.get('error')).toBe('external_account_taken');
      // The pending account stays, failed, with the reason; it is no way in.
      const me = await app.t.http.get('/me').set(bearer(other.accessToken)).expect(200);
      expect(me.body.externalAccounts).toEqual([
        expect.objectContaining({
          id: started.account.id,
          provider: 'google',
          providerUserId: null,
          verification: expect.objectContaining({
            status: 'failed',
            error: { code: 'external_account_taken', message: expect.any(String) },
          }),
        }),
      ]);
    });

    it('refuses unknown providers, bad redirects and unknown fields when starting a link', async () => {
      const account = await signUp(app.t.http);
      await app.t.http
        .post('/me/external-accounts')
        .set(bearer(account.accessToken))
        .send({ provider: 'facebook', redirectUrl: RETURN_TO })
        .expect(404);
      await app.t.http
        .post('/me/external-accounts')
        .set(bearer(account.accessToken))
        .send({ provider: 'github', redirectUrl: 'https://evil.example/' })
        .expect(400);
      await app.t.http
        .post('/me/external-accounts')
        .set(bearer(account.accessToken))
        .send({ provider: 'github', redirectUrl: RETURN_TO, userId: 'x' })
        .expect(400);
      await app.t.http
        .post('/me/external-accounts')
        .send({ provider: 'github', redirectUrl: RETURN_TO })
        .expect(401);
    });

    it('refuses to unlink the last way to sign in (400), allows it when another remains', async () => {
      provider.googlePerson = googlePerson();
      const signedIn = await signInWith('google');
      const googleId = signedIn.user.externalAccounts[0].id;
      const last = await app.t.http
        .delete(`/me/external-accounts/${googleId}`)
        .set(bearer(signedIn.accessToken));
      expect(last.status).toBe(400);
      expect(last.body).toMatchObject({ code: 'LAST_SIGN_IN_METHOD' });

      provider.githubPerson = gitHubPerson([
        { email: uniqueEmail('second'), primary: true, verified: true },
      ]);
      const { back } = await roundTrip('github', await startLink(signedIn.accessToken, 'github'));
      expect(back.searchParams.get('linked')).toBe('github');
      await app.t.http
        .delete(`/me/external-accounts/${googleId}`)
        .set(bearer(signedIn.accessToken))
        .expect(204);
      const me = await app.t.http.get('/me').set(bearer(signedIn.accessToken)).expect(200);
      expect(me.body.externalAccounts).toEqual([expect.objectContaining({ provider: 'github' })]);
      await app.t.http
        .delete(`/me/external-accounts/${me.body.externalAccounts[0].id}`)
        .set(bearer(signedIn.accessToken))
        .expect(400);
    });

    it('a password user may unlink their only external account; nobody unlinks another user’s (404)', async () => {
      const account = await signUp(app.t.http);
      provider.githubPerson = gitHubPerson([
        { email: uniqueEmail('pw'), primary: true, verified: true },
      ]);
      await roundTrip('github', await startLink(account.accessToken, 'github'));
      const me = await app.t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      const accountId = me.body.externalAccounts[0].id;
      const stranger = await signUp(app.t.http);
      await app.t.http
        .delete(`/me/external-accounts/${accountId}`)
        .set(bearer(stranger.accessToken))
        .expect(404);
      await app.t.http
        .delete('/me/external-accounts/%00')
        .set(bearer(account.accessToken))
        .expect(404);
      await app.t.http
        .delete(`/me/external-accounts/${accountId}`)
        .set(bearer(account.accessToken))
        .expect(204);
    });

    it('upgrades an anonymous user in place (same id) when the provider account is new', async () => {
      const guest = (await app.t.http.post('/auth/signup/anonymous').send({}).expect(201)).body;
      await app.t.http
        .patch('/me')
        .set(bearer(guest.accessToken))
        .send({ unsafeMetadata: { cart: [1] } })
        .expect(200);
      provider.googlePerson = googlePerson();
      const { back, browser } = await roundTrip(
        'google',
        await startLink(guest.accessToken, 'google'),
      );
      const tokens = await exchange(back.searchParams.get('code')!, browser);
      expect(tokens.status).toBe(200);
      expect(tokens.body.user).toMatchObject({
        id: guest.user.id,
        isAnonymous: false,
        roles: ['user'],
        primaryEmail: provider.googlePerson.email,
        displayName: 'Ada Lovelace',
        unsafeMetadata: { cart: [1] },
        externalAccounts: [expect.objectContaining({ provider: 'google' })],
      });
      // The anonymous session is over; the Google account now signs in to the same user.
      await app.t.http.get('/me').set(bearer(guest.accessToken)).expect(401);
      expect((await signInWith('google')).user.id).toBe(guest.user.id);
    });
  });

  describe('provider down', () => {
    it.each([
      ['/token', 'status500'],
      ['/token', 'html'],
      ['/token', 'hang'],
      ['/userinfo', 'status500'],
      ['/userinfo', 'html'],
      ['/userinfo', 'hang'],
    ] as const)(
      '%s answering %s → error=provider_unavailable within the timeout',
      async (path, fault) => {
        provider.googlePerson = googlePerson();
        provider.githubPerson = gitHubPerson([
          { email: uniqueEmail('down'), primary: true, verified: true },
        ]);
        for (const name of ['google', 'github']) {
          provider.failNext(path, fault);
          const began = Date.now();
          const { back } = await roundTrip(name);
          expect(back.searchParams.get('error')).toBe('provider_unavailable');
          expect(back.searchParams.get('code')).toBeNull();
          expect(Date.now() - began).toBeLessThan(4_000);
        }
        // The process is up and serving.
        await app.t.http.get('/health/live').expect(200);
      },
    );
  });
});

describe('OAuth extension points', () => {
  let provider: LocalOAuthServer;
  let app: Running;

  beforeAll(async () => {
    provider = await LocalOAuthServer.start();
    app = await startOAuthApp(
      provider,
      {
        lifecycleHooks: {
          beforeCreate: (draft) => {
            if (draft.source === 'oauth' && draft.email?.startsWith('blocked'))
              throw new ForbiddenException('Not here');
          },
        },
        oauthProfileMapper: {
          map: ({ provider: name, profile, mapped }) => ({
            ...mapped,
            displayName: `${name}:${profile.id}`,
          }),
        },
      },
      { RATE_LIMIT: 'on', GITHUB_CLIENT_ID: '' },
    );
  });
  afterAll(async () => {
    await app?.t.close();
    await provider?.stop();
  });

  it('a host OAuthProfileMapper replaces the default mapping', async () => {
    provider.googlePerson = googlePerson();
    const browser = new Browser();
    const { stoppedAt } = await browser.navigate(
      `${app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      FRONT_END,
    );
    const code = stoppedAt!.searchParams.get('code')!;
    const tokens = await app.t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(app.base))
      .send({ code })
      .expect(200);
    expect(tokens.body.user.displayName).toBe(`google:${provider.googlePerson.sub}`);
    expect(tokens.body.user.primaryEmail).toBe(provider.googlePerson.email);
  });

  it('a host beforeCreate veto ends the round trip with error=sign_up_refused', async () => {
    provider.googlePerson = googlePerson({ email: uniqueEmail('blocked') });
    const { stoppedAt } = await new Browser().navigate(
      `${app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      FRONT_END,
    );
    expect(stoppedAt!.searchParams.get('error')).toBe('sign_up_refused');
    expect(stoppedAt!.searchParams.get('code')).toBeNull();
  });

  it('a provider without a client id is off: 404', async () => {
    const response = await app.t.http.get(
      `/oauth/github?redirect_url=${encodeURIComponent(RETURN_TO)}`,
    );
    expect(response.status).toBe(404);
  });

  it('limits GET /oauth/:provider with the oauthStart bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await app.t.http.get(
        `/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 302).length).toBeLessThanOrEqual(10);
  });
});

describe('UserOAuthModule options', () => {
  it('stop the start with every problem listed', async () => {
    const provider = await LocalOAuthServer.start();
    try {
      await expect(
        startOAuthApp(provider, {
          oauthTimeoutSeconds: 0,
          providers: { mastodon: { clientId: 'id', clientSecret: 'secret' } },
        }),
      ).rejects.toThrow(
        /Invalid UserOAuthModule options:\n - timeoutSeconds must be a number of seconds between 0 and 300\n - providers\.mastodon is not a built-in provider: give it a definition/,
      );
    } finally {
      await provider.stop();
    }
  });
});
