import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

describe('anonymous users who upgrade in place', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
  });
  afterAll(async () => {
    await t.close();
  });

  async function anonymous() {
    const response = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
    return response.body as {
      accessToken: string;
      refreshToken: string;
      user: { id: string } & Record<string, unknown>;
    };
  }

  it('signs up an anonymous user: role anonymous, no email', async () => {
    const guest = await anonymous();
    expect(guest.user).toMatchObject({
      isAnonymous: true,
      roles: ['anonymous'],
      primaryEmail: null,
      emailAddresses: [],
    });
    const me = await t.http.get('/me').set(bearer(guest.accessToken)).expect(200);
    expect(me.body.id).toBe(guest.user.id);
  });

  it('refuses fields in the anonymous sign-up body', async () => {
    await t.http
      .post('/auth/signup/anonymous')
      .send({ roles: ['admin'] })
      .expect(400);
  });

  it('upgrades in place: same id and metadata, email primary and unverified, default role, old session dead', async () => {
    const guest = await anonymous();
    await t.http
      .patch('/me')
      .set(bearer(guest.accessToken))
      .send({ displayName: 'Guest', unsafeMetadata: { cart: [1, 2] } })
      .expect(200);
    const email = uniqueEmail('upgraded');
    const upgraded = await t.http
      .post('/me/upgrade')
      .set(bearer(guest.accessToken))
      .send({ email, password: GOOD_PASSWORD })
      .expect(200);
    expect(upgraded.body).toMatchObject({
      id: guest.user.id,
      isAnonymous: false,
      roles: ['user'],
      displayName: 'Guest',
      unsafeMetadata: { cart: [1, 2] },
      primaryEmail: email,
      emailAddresses: [{ email, verified: false, primary: true, id: expect.any(String) }],
      tokens: {
        tokenType: 'Bearer',
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      },
    });
    // The anonymous session is revoked: its access and refresh tokens are dead.
    await t.http.get('/me').set(bearer(guest.accessToken)).expect(401);
    await t.http.post('/auth/refresh').send({ refreshToken: guest.refreshToken }).expect(401);
    const me = await t.http.get('/me').set(bearer(upgraded.body.tokens.accessToken)).expect(200);
    expect(me.body.id).toBe(guest.user.id);
    const login = await t.http
      .post('/auth/login')
      .send({ email, password: GOOD_PASSWORD })
      .expect(200);
    expect(login.body.user.id).toBe(guest.user.id);
  });

  it('answers 409 for a taken email, and the anonymous user keeps working', async () => {
    const taken = await signUp(t.http);
    const guest = await anonymous();
    const response = await t.http
      .post('/me/upgrade')
      .set(bearer(guest.accessToken))
      .send({ email: taken.email.toUpperCase(), password: GOOD_PASSWORD })
      .expect(409);
    expect(response.body.message).toMatch(/taken/);
    const me = await t.http.get('/me').set(bearer(guest.accessToken)).expect(200);
    expect(me.body).toMatchObject({ isAnonymous: true, roles: ['anonymous'], emailAddresses: [] });
  });

  it('answers 400 for a user who is not anonymous, for a weak password and for unknown fields', async () => {
    const member = await signUp(t.http);
    const notAnonymous = await t.http
      .post('/me/upgrade')
      .set(bearer(member.accessToken))
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD })
      .expect(400);
    expect(notAnonymous.body.message).toMatch(/anonymous/);
    const guest = await anonymous();
    await t.http
      .post('/me/upgrade')
      .set(bearer(guest.accessToken))
      .send({ email: uniqueEmail(), password: 'password1' })
      .expect(400);
    await t.http
      .post('/me/upgrade')
      .set(bearer(guest.accessToken))
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD, roles: ['admin'] })
      .expect(400);
    await t.http
      .post('/me/upgrade')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD })
      .expect(401);
    const me = await t.http.get('/me').set(bearer(guest.accessToken)).expect(200);
    expect(me.body.isAnonymous).toBe(true);
  });

  it('lets exactly one of two parallel upgrades of one guest win', async () => {
    const guest = await anonymous();
    const results = await Promise.all([
      t.http
        .post('/me/upgrade')
        .set(bearer(guest.accessToken))
        .send({ email: uniqueEmail('a'), password: GOOD_PASSWORD }),
      t.http
        .post('/me/upgrade')
        .set(bearer(guest.accessToken))
        .send({ email: uniqueEmail('b'), password: GOOD_PASSWORD }),
    ]);
    const statuses = results.map((result) => result.status).sort();
    expect(statuses[0]).toBe(200);
    expect([400, 401]).toContain(statuses[1]);
    const admin = await signInAdmin(t.http);
    const user = await t.http
      .get(`/admin/users/${guest.user.id}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(user.body.emailAddresses).toHaveLength(1);
    expect(user.body.roles).toEqual(['user']);
  });

  it('keeps privateMetadata out of the self view after an admin sets it', async () => {
    const guest = await anonymous();
    const admin = await signInAdmin(t.http);
    await t.http
      .patch(`/admin/users/${guest.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ privateMetadata: { risk: 'low' } })
      .expect(200);
    const me = await t.http.get('/me').set(bearer(guest.accessToken)).expect(200);
    expect(me.body).not.toHaveProperty('privateMetadata');
    expect(JSON.stringify(me.body)).not.toContain('risk');
  });
});

describe('anonymous sign-up turned off', () => {
  it('answers 403', async () => {
    const t = await startTestApp({ env: { ANONYMOUS_SIGNUP: 'off' } });
    try {
      const response = await t.http.post('/auth/signup/anonymous').send({}).expect(403);
      expect(response.body).toMatchObject({
        statusCode: 403,
        message: 'Anonymous sign-up is disabled',
      });
    } finally {
      await t.close();
    }
  });
});
