import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

describe('sign-up, sign-in, refresh, logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Room for the 50-way race below: this suite is about uniqueness, not about overload.
    t = await startTestApp({ overrides: { hashingQueueLimit: 64 } });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /auth/signup', () => {
    it('creates a user with an unverified primary email and the default role, and signs in', async () => {
      const email = uniqueEmail('ada');
      const response = await t.http
        .post('/auth/signup')
        .send({
          email: `  ${email.toUpperCase()} `,
          password: GOOD_PASSWORD,
          displayName: 'Ada',
          unsafeMetadata: { theme: 'dark' },
        })
        .expect(201);
      const body = response.body;
      expect(body.tokenType).toBe('Bearer');
      expect(body.expiresIn).toBe(900);
      expect(typeof body.accessToken).toBe('string');
      expect(typeof body.refreshToken).toBe('string');
      expect(body.user).toMatchObject({
        displayName: 'Ada',
        primaryEmail: email.toUpperCase(),
        roles: ['user'],
        isAnonymous: false,
        unsafeMetadata: { theme: 'dark' },
        publicMetadata: {},
        phoneNumbers: [],
        externalAccounts: [],
        twoFactorEnabled: false,
      });
      expect(body.user.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(body.user.emailAddresses).toEqual([
        { id: expect.any(String), email: email.toUpperCase(), verified: false, primary: true },
      ]);
      expect(body.user).not.toHaveProperty('privateMetadata');
      expect(body.user).not.toHaveProperty('passwordHash');
      expect(body.user).not.toHaveProperty('banned');
      const payload = JSON.parse(
        Buffer.from(body.accessToken.split('.')[1], 'base64url').toString(),
      );
      expect(payload).toMatchObject({
        sub: body.user.id,
        roles: ['user'],
        sid: expect.any(String),
      });
      expect(payload.exp - payload.iat).toBe(900);
    });

    it('answers 409 for a taken email, whatever its case and spacing', async () => {
      const { email } = await signUp(t.http);
      const response = await t.http
        .post('/auth/signup')
        .send({ email: ` ${email.toUpperCase()}  `, password: GOOD_PASSWORD })
        .expect(409);
      expect(response.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        message: expect.stringMatching(/taken/),
      });
    });

    it('lets exactly one of 50 parallel sign-ups with one email win', async () => {
      const email = uniqueEmail('race');
      const variants = Array.from({ length: 50 }, (_, i) =>
        i % 3 === 0
          ? email
          : i % 3 === 1
            ? ` ${email.toUpperCase()}`
            : `${email.replace('race', 'RaCe')}  `,
      );
      const responses = await Promise.all(
        variants.map((variant) =>
          t.http.post('/auth/signup').send({ email: variant, password: GOOD_PASSWORD }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      const login = await t.http
        .post('/auth/login')
        .send({ email, password: GOOD_PASSWORD })
        .expect(200);
      const winner = responses.find((response) => response.status === 201)!;
      expect(login.body.user.id).toBe(winner.body.user.id);
    });

    it.each([
      ['too short', 'Sh0rt!x'],
      ['too long', 'x'.repeat(129)],
      ['on the common-password list', 'password123'],
      ['a common password in another case', 'QWERTYUIOP'],
    ])('refuses a password that is %s with 400', async (_, password) => {
      const response = await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail(), password })
        .expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(/password/);
    });

    it('refuses a password containing the email local part', async () => {
      const response = await t.http
        .post('/auth/signup')
        .send({ email: 'margaret.hamilton@example.com', password: 'xx-Margaret.Hamilton-1969' })
        .expect(400);
      expect(response.body.message).toContain('password must not contain the email address');
    });

    it('accepts a 128-character password and an 8-character one', async () => {
      await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail(), password: 'q'.repeat(60) + 'Z'.repeat(68) })
        .expect(201);
      await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail(), password: 'kq7#vWm2' })
        .expect(201);
    });

    it.each(['roles', 'publicMetadata', 'privateMetadata', 'id', 'isAnonymous', 'banned'])(
      'refuses the unknown field %s with 400 and creates nobody',
      async (field) => {
        const email = uniqueEmail();
        const response = await t.http
          .post('/auth/signup')
          .send({
            email,
            password: GOOD_PASSWORD,
            [field]: field === 'roles' ? ['admin'] : { x: 1 },
          })
          .expect(400);
        expect(response.body.message).toContain(`property ${field} should not exist`);
        await t.http.post('/auth/login').send({ email, password: GOOD_PASSWORD }).expect(401);
      },
    );

    it.each([
      ['a missing email', { password: GOOD_PASSWORD }],
      ['a malformed email', { email: 'not-an-email', password: GOOD_PASSWORD }],
      ['a number as email', { email: 42, password: GOOD_PASSWORD }],
      ['a missing password', { email: 'x@example.com' }],
      [
        'a non-http picture',
        { email: 'y@example.com', password: GOOD_PASSWORD, picture: 'javascript:alert(1)' },
      ],
      [
        'an array as metadata',
        { email: 'z@example.com', password: GOOD_PASSWORD, unsafeMetadata: [1, 2] },
      ],
    ])('answers 400 for %s', async (_, body) => {
      const response = await t.http.post('/auth/signup').send(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });

    it('answers 400 for a body that is not JSON', async () => {
      await t.http
        .post('/auth/signup')
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
    });
  });

  describe('metadata limits', () => {
    it('refuses __proto__ in unsafeMetadata and leaves Object.prototype alone', async () => {
      const raw = `{"email":"${uniqueEmail()}","password":"${GOOD_PASSWORD}","unsafeMetadata":{"__proto__":{"polluted":"yes"}}}`;
      const response = await t.http
        .post('/auth/signup')
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(/__proto__/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each(['constructor', 'prototype'])('refuses the key %s at any depth', async (key) => {
      const raw = `{"email":"${uniqueEmail()}","password":"${GOOD_PASSWORD}","unsafeMetadata":{"a":{"b":{"${key}":{"x":1}}}}}`;
      await t.http
        .post('/auth/signup')
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(400);
    });

    it('refuses metadata over 8 KiB and deeper than 10, accepts depth 10', async () => {
      const big = { blob: 'x'.repeat(8 * 1024) };
      await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail(), password: GOOD_PASSWORD, unsafeMetadata: big })
        .expect(400);
      const nest = (depth: number): Record<string, unknown> =>
        depth === 1 ? { leaf: true } : { n: nest(depth - 1) };
      await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail(), password: GOOD_PASSWORD, unsafeMetadata: nest(11) })
        .expect(400);
      await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail(), password: GOOD_PASSWORD, unsafeMetadata: nest(10) })
        .expect(201);
    });
  });

  describe('POST /auth/login', () => {
    it('signs in with the email in any case and returns a fresh token pair', async () => {
      const account = await signUp(t.http);
      const response = await t.http
        .post('/auth/login')
        .send({ email: ` ${account.email.toUpperCase()} `, password: account.password })
        .expect(200);
      expect(response.body.user.id).toBe(account.user.id);
      expect(response.body.refreshToken).not.toBe(account.refreshToken);
      expect(response.body.user.lastSignInAt).not.toBeNull();
    });

    it('answers the same 401 body for an unknown email and a wrong password', async () => {
      const account = await signUp(t.http);
      const wrong = await t.http
        .post('/auth/login')
        .send({ email: account.email, password: 'not-the-password-1' })
        .expect(401);
      const unknown = await t.http
        .post('/auth/login')
        .send({ email: uniqueEmail('ghost'), password: GOOD_PASSWORD })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.message).toBe('Invalid email or password');
    });

    it('refuses unknown fields', async () => {
      await t.http
        .post('/auth/login')
        .send({ email: 'a@example.com', password: GOOD_PASSWORD, remember: true })
        .expect(400);
    });
  });

  describe('POST /auth/refresh', () => {
    it('rotates the pair; the new tokens work', async () => {
      const account = await signUp(t.http);
      const refreshed = await t.http
        .post('/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      expect(refreshed.body.refreshToken).not.toBe(account.refreshToken);
      expect(refreshed.body.user.id).toBe(account.user.id);
      await t.http.get('/me').set(bearer(refreshed.body.accessToken)).expect(200);
      await t.http
        .post('/auth/refresh')
        .send({ refreshToken: refreshed.body.refreshToken })
        .expect(200);
    });

    it('revokes the whole session when a rotated token is reused', async () => {
      const account = await signUp(t.http);
      const first = await t.http
        .post('/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      const reuse = await t.http
        .post('/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(401);
      expect(reuse.body.message).toMatch(/revoked/);
      // The thief's replay killed the legitimate holder's newer tokens too.
      await t.http
        .post('/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(401);
      await t.http.get('/me').set(bearer(first.body.accessToken)).expect(401);
      await t.http.get('/me').set(bearer(account.accessToken)).expect(401);
    });

    it('lets exactly one of concurrent refreshes of one token succeed, and takes the race for reuse', async () => {
      const account = await signUp(t.http);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http.post('/auth/refresh').send({ refreshToken: account.refreshToken }),
        ),
      );
      const winners = results.filter((result) => result.status === 200);
      const losers = results.filter((result) => result.status !== 200);
      expect(winners).toHaveLength(1);
      // Racing or late, every other use is reuse: 401 REFRESH_TOKEN_REUSED.
      expect(losers.map((result) => [result.status, result.body.code])).toEqual(
        Array(9).fill([401, 'REFRESH_TOKEN_REUSED']),
      );
      // A thief racing the owner keeps nothing: whoever won, the session is over.
      await t.http.get('/me').set(bearer(winners[0].body.accessToken)).expect(401);
      await t.http
        .post('/auth/refresh')
        .send({ refreshToken: winners[0].body.refreshToken })
        .expect(401);
    });

    it('answers 401 for an unknown token and 400 for a missing one', async () => {
      await t.http.post('/auth/refresh').send({ refreshToken: 'made-up' }).expect(401);
      await t.http.post('/auth/refresh').send({}).expect(400);
    });
  });

  describe('POST /auth/logout', () => {
    it('kills the session: the old access token is refused on the next request', async () => {
      const account = await signUp(t.http);
      await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      await t.http.post('/auth/logout').send({ refreshToken: account.refreshToken }).expect(204);
      await t.http.get('/me').set(bearer(account.accessToken)).expect(401);
      await t.http.post('/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
    });

    it("leaves the user's other sessions alive", async () => {
      const account = await signUp(t.http);
      const other = await t.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
      await t.http.post('/auth/logout').send({ refreshToken: account.refreshToken }).expect(204);
      await t.http.get('/me').set(bearer(other.body.accessToken)).expect(200);
    });

    it('answers 204 for an unknown token', async () => {
      await t.http.post('/auth/logout').send({ refreshToken: 'never-issued' }).expect(204);
    });
  });
});
