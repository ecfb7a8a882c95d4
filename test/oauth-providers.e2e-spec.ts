import { Browser } from './support/browser.js';
import { sql } from './support/database-access.js';
import { FRONT_END, RETURN_TO, useOAuthApp, type Running } from './support/oauth-app.js';
import type { LocalOAuthServer } from './support/oauth-server.js';
import { TEST_DB } from './support/test-database.js';
import { bearer, signUp, uniqueEmail } from './support/users.js';

/**
 * Every built-in provider against the local OAuth server answering in that provider's real
 * shapes (endpoints, client authentication, profile and email documents, id types), and what each
 * one's email verification becomes.
 */
describe('built-in OAuth providers in their own shapes', () => {
  const fixture = useOAuthApp({}, (server) => server.allProvidersEnv());
  let provider: LocalOAuthServer;
  let app: Running;
  let counter = 0;
  const next = () => `${Date.now()}${(counter += 1)}`;
  beforeAll(() => {
    ({ provider, app } = fixture);
  });

  async function roundTrip(name: string, browser = new Browser()) {
    const start = `${app.base}/oauth/${name}?redirect_url=${encodeURIComponent(RETURN_TO)}`;
    const { stoppedAt, hops, last } = await browser.navigate(start, FRONT_END);
    if (!stoppedAt) throw new Error(`flow did not come back: ${last.status} ${last.body}`);
    return { back: stoppedAt, browser, authorize: new URL(hops[1]) };
  }

  async function exchange(code: string, browser: Browser) {
    return app.t.http
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(app.base))
      .send({ code });
  }

  /** A whole sign-in: the user it gave, and the authorization URL the provider was sent. */
  async function signIn(name: string) {
    const { back, browser, authorize } = await roundTrip(name);
    const code = back.searchParams.get('code');
    if (!code) throw new Error(`no code: ${back.href}`);
    const tokens = await exchange(code, browser);
    expect(tokens.status).toBe(200);
    return {
      user: tokens.body.user as Record<string, any>,
      accessToken: tokens.body.accessToken as string,
      authorize,
    };
  }

  function lastTokenRequest(shape: string) {
    return provider.tokenRequests.filter((request) => request.shape === shape).at(-1)!;
  }

  async function verifiedOwnerOf(email: string) {
    const account = await signUp(app.t.http, { email });
    await sql(
      app.t.app,
      `update userkit_email_addresses set verified = ${TEST_DB === 'postgres' ? 'true' : '1'} where normalized_email = ?`,
      [email.toLowerCase()],
    );
    return account;
  }

  it('Facebook: Graph /me, string id, picture.data.url; its email is never taken as verified', async () => {
    const email = uniqueEmail('fb');
    const id = `10${next()}`;
    provider.people.facebook = {
      id,
      name: 'Mark Page',
      first_name: 'Mark',
      last_name: 'Page',
      email,
      picture: {
        data: { height: 200, is_silhouette: false, url: 'https://fb.example/p.jpg', width: 200 },
      },
    };
    const { user, accessToken, authorize } = await signIn('facebook');
    expect(authorize.searchParams.get('scope')).toBe('email,public_profile');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(user).toMatchObject({
      displayName: 'Mark Page',
      firstName: 'Mark',
      lastName: 'Page',
      picture: 'https://fb.example/p.jpg',
      emailAddresses: [{ email, verified: false, primary: true }],
      externalAccounts: [expect.objectContaining({ provider: 'facebook', providerUserId: id })],
    });
    expect(lastTokenRequest('facebook').body).toMatchObject({
      client_id: 'facebook-client',
      client_secret: 'facebook-secret',
      grant_type: 'authorization_code',
    });
    // The unverified address gets its code, as a password sign-up's does, and the code verifies it.
    const code = fixture.inbox.lastCode(email);
    await app.t.http
      .post(`/me/emails/${user.emailAddresses[0].id}/verify`)
      .set(bearer(accessToken))
      .send({ code })
      .expect(200);
  });

  it.each(['facebook', 'hubspot', 'notion'])(
    '%s: an address the provider does not vouch for never links to an existing account',
    async (name) => {
      const email = uniqueEmail(`takeover-${name}`);
      const owner = await verifiedOwnerOf(email);
      provider.people.facebook = { id: `fb-${next()}`, name: 'Eve', email };
      provider.people.hubspot = { user: email, user_id: Number(next().slice(-9)), hub_id: 1 };
      provider.people.notion = notionBot(`n-${next()}`, email);
      const { back } = await roundTrip(name);
      expect(back.searchParams.get('error')).toBe('account_exists_sign_in_to_link');
      const me = await app.t.http.get('/me').set(bearer(owner.accessToken)).expect(200);
      expect(me.body.externalAccounts).toEqual([]);
    },
  );

  it('HubSpot: the token metadata names the user (numeric user_id), the address is unverified', async () => {
    const email = uniqueEmail('hub');
    const userId = Number(next().slice(-9));
    provider.people.hubspot = {
      user: email,
      hub_domain: 'demo.hubspot.com',
      scopes: ['oauth'],
      hub_id: 62515,
      app_id: 456789,
      user_id: userId,
    };
    const { user } = await signIn('hubspot');
    expect(user.externalAccounts[0]).toMatchObject({
      provider: 'hubspot',
      providerUserId: String(userId),
      email,
    });
    expect(user.emailAddresses).toEqual([expect.objectContaining({ email, verified: false })]);
  });

  it('TikTok: client_key instead of client_id, comma scopes, open_id; no email', async () => {
    const openId = `-000${next()}`;
    provider.people.tiktok = {
      open_id: openId,
      union_id: `u-${openId}`,
      avatar_url: 'https://tiktok.example/a.jpeg',
      display_name: 'Tik Tokker',
      bio_description: 'not asked for',
    };
    provider.tokenExtras.tiktok = { open_id: openId, refresh_expires_in: 31536000 };
    const { user, authorize } = await signIn('tiktok');
    expect(authorize.searchParams.get('client_key')).toBe('tiktok-client');
    expect(authorize.searchParams.has('client_id')).toBe(false);
    expect(lastTokenRequest('tiktok').body).toMatchObject({ client_key: 'tiktok-client' });
    expect(user).toMatchObject({
      displayName: 'Tik Tokker',
      picture: 'https://tiktok.example/a.jpeg',
      primaryEmail: null,
      emailAddresses: [],
      externalAccounts: [expect.objectContaining({ provider: 'tiktok', providerUserId: openId })],
    });
  });

  it('GitLab: numeric id; the address is verified only with confirmed_at', async () => {
    const confirmed = uniqueEmail('gl');
    const id = Number(next().slice(-9));
    provider.people.gitlab = {
      id,
      username: 'tanuki',
      name: 'Tanu Ki',
      email: confirmed,
      avatar_url: 'https://gitlab.example/t.png',
      confirmed_at: '2020-01-01T00:00:00.000Z',
      state: 'active',
    };
    const first = await signIn('gitlab');
    expect(first.user).toMatchObject({
      displayName: 'Tanu Ki',
      emailAddresses: [{ email: confirmed, verified: true, primary: true }],
      externalAccounts: [expect.objectContaining({ providerUserId: String(id) })],
    });
    const unconfirmed = uniqueEmail('gl-unconfirmed');
    provider.people.gitlab = { id: id + 1, username: 'x', email: unconfirmed, confirmed_at: null };
    const second = await signIn('gitlab');
    expect(second.user.emailAddresses).toEqual([
      expect.objectContaining({ email: unconfirmed, verified: false }),
    ]);
  });

  it('Discord: snowflake string id, `verified` decides, the avatar hash becomes its CDN URL', async () => {
    const id = `8035${next()}`;
    const email = uniqueEmail('discord');
    provider.people.discord = {
      id,
      username: 'nelly',
      discriminator: '0',
      global_name: 'Nelly',
      avatar: '8342729096ea3675442027381ff50dfe',
      verified: true,
      email,
      mfa_enabled: true,
    };
    const { user } = await signIn('discord');
    expect(user).toMatchObject({
      displayName: 'Nelly',
      picture: `https://cdn.discordapp.com/avatars/${id}/8342729096ea3675442027381ff50dfe.png`,
      emailAddresses: [{ email, verified: true }],
    });
    provider.people.discord = {
      id: `${id}1`,
      username: 'other',
      email: uniqueEmail('d'),
      verified: false,
    };
    expect((await signIn('discord')).user.emailAddresses[0].verified).toBe(false);
  });

  it('X (Twitter): HTTP Basic client, PKCE, `data` envelope; X gives no email', async () => {
    const id = `2244${next()}`;
    provider.people.twitter = {
      data: {
        id,
        name: 'X User',
        username: 'xuser',
        profile_image_url: 'https://pbs.example/x.jpg',
      },
    };
    const { user, authorize } = await signIn('twitter');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('scope')).toBe('users.read tweet.read');
    const token = lastTokenRequest('twitter');
    expect(token.authorization).toMatch(/^Basic /);
    expect(token.body).not.toHaveProperty('client_secret');
    expect(token.body.code_verifier).toMatch(/^[\w-]{43}$/);
    expect(user).toMatchObject({
      displayName: 'X User',
      picture: 'https://pbs.example/x.jpg',
      primaryEmail: null,
      emailAddresses: [],
      externalAccounts: [expect.objectContaining({ provider: 'twitter', providerUserId: id })],
    });
  });

  it('Twitch: Helix /users with Client-Id, `data` array; its documented-verified email counts', async () => {
    const email = uniqueEmail('twitch');
    provider.people.twitch = {
      id: `1419${next()}`,
      login: 'streamer',
      display_name: 'Streamer',
      profile_image_url: 'https://twitch.example/s.png',
      email,
      broadcaster_type: '',
    };
    const { user } = await signIn('twitch');
    expect(user).toMatchObject({
      displayName: 'Streamer',
      emailAddresses: [{ email, verified: true, primary: true }],
    });
  });

  it('LinkedIn: OpenID userinfo; email_verified decides', async () => {
    const email = uniqueEmail('li');
    provider.people.linkedin = {
      sub: `782b${next()}`,
      name: 'Lin Ked',
      given_name: 'Lin',
      family_name: 'Ked',
      picture: 'https://media.licdn.example/p',
      locale: { country: 'US', language: 'en' },
      email,
      email_verified: true,
    };
    const { user } = await signIn('linkedin');
    expect(user).toMatchObject({
      firstName: 'Lin',
      lastName: 'Ked',
      emailAddresses: [{ email, verified: true }],
    });
    provider.people.linkedin = {
      sub: `x${next()}`,
      email: uniqueEmail('li2'),
      email_verified: false,
    };
    expect((await signIn('linkedin')).user.emailAddresses[0].verified).toBe(false);
  });

  it('Dropbox: POST get_current_account, dbid account id, email_verified decides', async () => {
    const email = uniqueEmail('dropbox');
    const accountId = `dbid:AAH4f99T0taONIb-${next()}`;
    provider.people.dropbox = {
      account_id: accountId,
      name: {
        given_name: 'Franz',
        surname: 'Ferdinand',
        familiar_name: 'Franz',
        display_name: 'Franz Ferdinand (Personal)',
        abbreviated_name: 'FF',
      },
      email,
      email_verified: true,
      disabled: false,
      profile_photo_url: 'https://dl-web.dropbox.example/p.jpg',
    };
    const { user } = await signIn('dropbox');
    expect(user).toMatchObject({
      displayName: 'Franz Ferdinand (Personal)',
      firstName: 'Franz',
      lastName: 'Ferdinand',
      emailAddresses: [{ email, verified: true }],
      externalAccounts: [expect.objectContaining({ providerUserId: accountId })],
    });
  });

  it('Bitbucket: /2.0/user and paged /2.0/user/emails; only the primary confirmed address is verified', async () => {
    const primary = uniqueEmail('bb');
    const other = uniqueEmail('bb-other');
    const uuid = `{${next()}-bitbucket}`;
    provider.people['bitbucket-user'] = {
      type: 'user',
      uuid,
      account_id: '557058:1',
      display_name: 'Bit Bucket',
      nickname: 'bitb',
      links: { avatar: { href: 'https://bitbucket.example/a.png' } },
    };
    provider.people['bitbucket-emails'] = {
      pagelen: 10,
      page: 1,
      size: 2,
      values: [
        { type: 'email', email: other, is_primary: false, is_confirmed: true },
        { type: 'email', email: primary, is_primary: true, is_confirmed: true },
      ],
    };
    const { user } = await signIn('bitbucket');
    expect(lastTokenRequest('bitbucket').authorization).toMatch(/^Basic /);
    expect(user.primaryEmail).toBe(primary);
    expect(user.emailAddresses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: primary, verified: true, primary: true }),
        expect.objectContaining({ email: other, verified: false, primary: false }),
      ]),
    );
    expect(user.externalAccounts[0]).toMatchObject({
      providerUserId: uuid,
      picture: 'https://bitbucket.example/a.png',
    });
  });

  it('Notion: JSON token request in HTTP Basic; the bot’s owner is the person; the address is unverified', async () => {
    const personId = `e79a0b74-${next()}`;
    const email = uniqueEmail('notion');
    provider.people.notion = notionBot(personId, email);
    const { user, authorize } = await signIn('notion');
    expect(authorize.searchParams.get('owner')).toBe('user');
    expect(lastTokenRequest('notion').contentType).toMatch(/^application\/json/);
    expect(user).toMatchObject({
      displayName: 'Ada Notion',
      picture: 'https://notion.example/a.png',
      emailAddresses: [{ email, verified: false }],
      externalAccounts: [expect.objectContaining({ providerUserId: personId })],
    });
  });

  it.each([
    ['discord', { id: 12.5, username: 'float-id' }],
    ['twitter', { data: [] }],
    ['tiktok', { unexpected: true }],
    ['dropbox', ['not', 'an', 'object']],
  ])(
    '%s answering a profile without a usable id: error=provider_error, no user',
    async (name, body) => {
      provider.people[name] = body;
      const { back } = await roundTrip(name);
      expect(back.searchParams.get('error')).toBe('provider_error');
      expect(back.searchParams.get('code')).toBeNull();
    },
  );

  describe('Microsoft (ID token)', () => {
    const CONSUMERS = '9188040d-6c67-4c5b-b112-36a304b66dad';
    const WORK = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const claims = (tid: string, extra: Record<string, unknown> = {}) => ({
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      tid,
      sub: `AAAA${next()}`,
      oid: `00000000-0000-0000-${next()}`,
      name: 'Megan Bowen',
      preferred_username: 'megan@contoso.example',
      email: uniqueEmail('ms'),
      ...extra,
    });
    afterEach(() => delete provider.idTokenClaims.microsoft);

    it('a personal account: the ID token is the profile, its email verified', async () => {
      provider.idTokenClaims.microsoft = claims(CONSUMERS);
      const { user, authorize } = await signIn('microsoft');
      expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
      expect(user).toMatchObject({
        displayName: 'Megan Bowen',
        emailAddresses: [{ email: provider.idTokenClaims.microsoft.email, verified: true }],
        externalAccounts: [
          expect.objectContaining({ providerUserId: provider.idTokenClaims.microsoft.sub }),
        ],
      });
    });

    it('a work account: its email is unverified unless xms_edov', async () => {
      provider.idTokenClaims.microsoft = claims(WORK);
      expect((await signIn('microsoft')).user.emailAddresses[0].verified).toBe(false);
      provider.idTokenClaims.microsoft = claims(WORK, { xms_edov: true });
      expect((await signIn('microsoft')).user.emailAddresses[0].verified).toBe(true);
    });

    it.each([
      ['another issuer', { iss: 'https://evil.example/v2.0' }],
      [
        'an issuer of another tenant',
        { iss: `https://login.microsoftonline.com/${CONSUMERS}/v2.0` },
      ],
      ['another flow’s nonce', { nonce: 'A'.repeat(43) }],
      ['another audience', { aud: 'someone-else' }],
      ['an expired token', { exp: Math.floor(Date.now() / 1000) - 3600 }],
    ])('an ID token with %s is refused: error=oauth_failed, no user', async (_, extra) => {
      provider.idTokenClaims.microsoft = claims(WORK, extra);
      const { back } = await roundTrip('microsoft');
      expect(back.searchParams.get('error')).toBe('oauth_failed');
      expect(back.searchParams.get('code')).toBeNull();
    });
  });

  describe('Apple (form_post, signed client secret)', () => {
    const appleClaims = (extra: Record<string, unknown> = {}) => ({
      iss: 'https://appleid.apple.com',
      sub: `001234.${next()}.0123`,
      email: uniqueEmail('apple'),
      email_verified: 'true',
      is_private_email: 'false',
      auth_time: Math.floor(Date.now() / 1000),
      ...extra,
    });
    afterEach(() => delete provider.idTokenClaims.apple);

    /**
     * Apple answers the authorization with a cross-site form post: the browser sends no
     * SameSite=Lax cookie with it. Returns the callback URL and the posted answer's redirect.
     */
    async function authorizeAtApple(browser: Browser, user?: unknown) {
      const start = await browser.get(
        `${app.base}/oauth/apple?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      );
      const authorize = new URL(start.location!);
      const atApple = await browser.get(authorize.href);
      const answer = new URL(atApple.location!);
      const form = new URLSearchParams({
        code: answer.searchParams.get('code')!,
        state: answer.searchParams.get('state')!,
      });
      if (user !== undefined) form.set('user', JSON.stringify(user));
      const posted = await app.t.http
        .post('/oauth/apple/callback')
        .type('form')
        .send(form.toString());
      return { authorize, posted, answer };
    }

    it('first sign-in: the name arrives in the posted `user`, the rest in the ID token', async () => {
      provider.idTokenClaims.apple = appleClaims();
      const browser = new Browser();
      const { authorize, posted } = await authorizeAtApple(browser, {
        name: { firstName: 'Tim', lastName: 'Apple' },
        email: provider.idTokenClaims.apple.email,
      });
      expect(authorize.searchParams.get('response_mode')).toBe('form_post');
      expect(authorize.searchParams.get('scope')).toBe('name email');
      expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
      // The post issues nothing: it sends the browser on to the GET callback, name left out of it.
      expect(posted.status).toBe(303);
      const onward = new URL(posted.headers.location);
      expect(onward.pathname).toBe('/oauth/apple/callback');
      expect([...onward.searchParams.keys()].sort()).toEqual(['code', 'state']);
      const { stoppedAt } = await browser.navigate(onward.href, FRONT_END);
      const tokens = await exchange(stoppedAt!.searchParams.get('code')!, browser);
      expect(tokens.status).toBe(200);
      expect(tokens.body.user).toMatchObject({
        firstName: 'Tim',
        lastName: 'Apple',
        displayName: 'Tim Apple',
        emailAddresses: [{ email: provider.idTokenClaims.apple.email, verified: true }],
      });
      // The token request carried the ES256 client secret the server checked against the team key.
      expect(lastTokenRequest('apple').body.client_secret).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);

      // Later sign-ins bring no name: the same user, names kept.
      const again = new Browser();
      const second = await authorizeAtApple(again);
      const back = await again.navigate(second.posted.headers.location, FRONT_END);
      const next = await exchange(back.stoppedAt!.searchParams.get('code')!, again);
      expect(next.body.user).toMatchObject({ id: tokens.body.user.id, firstName: 'Tim' });
    });

    it('a posted answer finished in another browser (no binding cookie) signs nobody in', async () => {
      provider.idTokenClaims.apple = appleClaims();
      const { posted } = await authorizeAtApple(new Browser(), { name: { firstName: 'Eve' } });
      const victim = await new Browser().get(posted.headers.location);
      expect(new URL(victim.location!).searchParams.get('error')).toBe('invalid_state');
    });

    it('a post cannot plant a name on a flow it does not know, nor replace the first one', async () => {
      provider.idTokenClaims.apple = appleClaims();
      const browser = new Browser();
      const { posted, answer } = await authorizeAtApple(browser, {
        name: { firstName: 'Real', lastName: 'Name' },
      });
      // A second post for the same state (an attacker who learnt it) changes nothing.
      await app.t.http
        .post('/oauth/apple/callback')
        .type('form')
        .send(
          new URLSearchParams({
            code: 'x',
            state: answer.searchParams.get('state')!,
            user: JSON.stringify({ name: { firstName: 'Mallory' } }),
          }).toString(),
        )
        .expect(303);
      const { stoppedAt } = await browser.navigate(posted.headers.location, FRONT_END);
      const tokens = await exchange(stoppedAt!.searchParams.get('code')!, browser);
      expect(tokens.body.user.firstName).toBe('Real');
    });

    it('an unverified Apple address (email_verified "false") is not verified', async () => {
      provider.idTokenClaims.apple = appleClaims({ email_verified: 'false' });
      const browser = new Browser();
      const { posted } = await authorizeAtApple(browser);
      const { stoppedAt } = await browser.navigate(posted.headers.location, FRONT_END);
      const tokens = await exchange(stoppedAt!.searchParams.get('code')!, browser);
      expect(tokens.body.user.emailAddresses[0].verified).toBe(false);
    });

    it('the form post is for form-post providers only, and only as a form', async () => {
      await app.t.http
        .post('/oauth/google/callback')
        .type('form')
        .send('code=x&state=y')
        .expect(404);
      await app.t.http.post('/oauth/apple/callback').send({ code: 'x', state: 'y' }).expect(415);
      // Garbage in the post is forwarded as nothing; the GET callback then finds no flow.
      const odd = await app.t.http
        .post('/oauth/apple/callback')
        .type('form')
        .send('state[]=a&user=%00&code=' + 'x'.repeat(5000))
        .expect(303);
      expect([...new URL(odd.headers.location).searchParams.keys()]).toEqual([]);
    });
  });

  describe('generic OpenID Connect (issuer URL)', () => {
    afterEach(() => {
      delete provider.idTokenClaims.oidc;
      delete provider.people.oidc;
    });

    function person() {
      const sub = `oidc-${next()}`;
      provider.idTokenClaims.oidc = { iss: `${provider.url}/oidc`, sub };
      provider.people.oidc = {
        sub,
        name: 'Otto Idc',
        given_name: 'Otto',
        family_name: 'Idc',
        email: uniqueEmail('oidc'),
        email_verified: true,
      };
      return provider.people.oidc as Record<string, unknown>;
    }

    it('discovers the endpoints, verifies the ID token (JWKS, nonce) and reads userinfo', async () => {
      const claims = person();
      const { user, authorize } = await signIn('oidc');
      expect(authorize.origin + authorize.pathname).toBe(`${provider.url}/authorize`);
      expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
      expect(lastTokenRequest('oidc').authorization).toMatch(/^Basic /);
      expect(user).toMatchObject({
        displayName: 'Otto Idc',
        emailAddresses: [{ email: claims.email, verified: true }],
        externalAccounts: [
          expect.objectContaining({ provider: 'oidc', providerUserId: claims.sub }),
        ],
      });
    });

    it.each([
      ['another issuer', { iss: 'https://evil.example/oidc' }],
      ['another flow’s nonce', { nonce: 'B'.repeat(43) }],
    ])('an ID token with %s is refused', async (_, extra) => {
      person();
      Object.assign(provider.idTokenClaims.oidc!, extra);
      const { back } = await roundTrip('oidc');
      expect(back.searchParams.get('error')).toBe('oauth_failed');
    });

    it('userinfo about someone else is ignored: the ID token’s subject signs in', async () => {
      const claims = person();
      provider.people.oidc = { ...claims, sub: 'someone-else', email: uniqueEmail('other') };
      const { user } = await signIn('oidc');
      expect(user.externalAccounts[0].providerUserId).toBe(claims.sub);
      expect(user.emailAddresses).toEqual([]);
    });
  });
});

function notionBot(personId: string, email: string) {
  return {
    object: 'user',
    id: `bot-${personId}`,
    type: 'bot',
    name: 'UserKit integration',
    bot: {
      owner: {
        type: 'user',
        user: {
          object: 'user',
          id: personId,
          name: 'Ada Notion',
          avatar_url: 'https://notion.example/a.png',
          type: 'person',
          person: { email },
        },
      },
      workspace_name: 'Ada’s workspace',
    },
  };
}
