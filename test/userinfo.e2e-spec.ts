import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

describe('GET /userinfo', () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    adminToken = (await signInAdmin(t.http)).accessToken;
  });
  afterAll(async () => {
    await t.close();
  });

  it('needs a session', async () => {
    await t.http.get('/userinfo').expect(401);
  });

  it('returns the OIDC claims the bearer may see', async () => {
    const member = await signUp(t.http, { firstName: 'Ada', lastName: 'Lovelace' });
    await t.http
      .post('/admin/attributes')
      .set(bearer(adminToken))
      .send({
        name: 'plan',
        type: 'enum',
        validation: { enum: ['free', 'pro'] },
        access: { bearer: 'readonly' },
      })
      .expect(201);
    await t.http
      .post('/admin/attributes')
      .set(bearer(adminToken))
      .send({ name: 'internal_score', type: 'number' })
      .expect(201);
    await t.http
      .patch(`/admin/users/${member.user.id}`)
      .set(bearer(adminToken))
      .send({ customAttributes: { plan: 'pro', internal_score: 4.5 } })
      .expect(200);
    await t.http
      .patch('/me')
      .set(bearer(member.accessToken))
      .send({
        standardAttributes: { birthdate: '1815-12-10', locale: 'en-GB', zoneinfo: 'Europe/London' },
      })
      .expect(200);
    // A verified phone, arranged in the database (adding phones is another issue's route).
    await sql(
      t.app,
      'insert into userkit_phone_numbers (id, user_id, phone_number, verified, "primary", created_at) values (?, ?, ?, ?, ?, ?)',
      [
        '01938f6e-0000-7000-8000-000000000001',
        member.user.id,
        '+14155550123',
        true,
        true,
        t.database.url.startsWith('sqlite') ? Date.now() : new Date(),
      ],
    );
    const info = await t.http.get('/userinfo').set(bearer(member.accessToken)).expect(200);
    expect(info.body).toEqual({
      sub: member.user.id,
      // No display name: the full name is the given and family names.
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      birthdate: '1815-12-10',
      locale: 'en-GB',
      zoneinfo: 'Europe/London',
      email: member.email,
      email_verified: false,
      phone_number: '+14155550123',
      phone_number_verified: true,
      is_anonymous: false,
      is_verified: true,
      roles: ['user'],
      custom_attributes: { plan: 'pro' },
      updated_at: expect.any(Number),
    });
  });

  it('follows run-time access changes of standard attributes', async () => {
    const member = await signUp(t.http, { firstName: 'Grace' });
    await t.http
      .patch('/admin/attributes/given_name')
      .set(bearer(adminToken))
      .send({ access: { bearer: 'hidden' } })
      .expect(200);
    const hidden = await t.http.get('/userinfo').set(bearer(member.accessToken)).expect(200);
    expect(hidden.body).not.toHaveProperty('given_name');
    // The full name is built from what the bearer may see: a hidden given name does not leak.
    expect(hidden.body).not.toHaveProperty('name');
    await t.http
      .patch('/admin/attributes/nickname')
      .set(bearer(adminToken))
      .send({ access: { admin: 'editable', bearer: 'readonly' } })
      .expect(200);
    await t.http
      .patch(`/admin/users/${member.user.id}`)
      .set(bearer(adminToken))
      .send({ standardAttributes: { nickname: 'Amazing Grace' } })
      .expect(200);
    const shown = await t.http.get('/userinfo').set(bearer(member.accessToken)).expect(200);
    expect(shown.body.nickname).toBe('Amazing Grace');
    await t.http
      .patch('/admin/attributes/given_name')
      .set(bearer(adminToken))
      .send({ access: { bearer: 'readonly' } })
      .expect(200);
  });

  it('an anonymous user is anonymous and unverified, without email', async () => {
    const anonymous = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
    const info = await t.http.get('/userinfo').set(bearer(anonymous.body.accessToken)).expect(200);
    expect(info.body).toMatchObject({
      is_anonymous: true,
      is_verified: false,
      roles: ['anonymous'],
    });
    expect(info.body).not.toHaveProperty('email');
  });
});
