import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, uniqueEmail, GOOD_PASSWORD } from './support/users.js';

/** Token answers show the user as GET /me does: what the schema hides from the user stays hidden. */
describe('token responses use the access-filtered self view', () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    adminToken = (await signInAdmin(t.http)).accessToken;
    await t.http
      .patch('/admin/attributes/given_name')
      .set(bearer(adminToken))
      .send({ access: { endUser: 'hidden' } })
      .expect(200);
    await t.http
      .post('/admin/attributes')
      .set(bearer(adminToken))
      .send({ name: 'risk_score', type: 'string', access: { endUser: 'hidden' } })
      .expect(201);
    await t.http
      .post('/admin/attributes')
      .set(bearer(adminToken))
      .send({ name: 'plan', type: 'string', access: { endUser: 'readonly' } })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  /** An admin writes a hidden name and a hidden and a visible custom attribute on the user. */
  async function giveHiddenValues(userId: string): Promise<void> {
    await t.http
      .patch(`/admin/users/${userId}`)
      .set(bearer(adminToken))
      .send({ firstName: 'Secret', customAttributes: { risk_score: 'high', plan: 'gold' } })
      .expect(200);
  }

  function expectFiltered(user: Record<string, unknown>): void {
    expect(user.firstName).toBeNull();
    expect(user.customAttributes).toEqual({ plan: 'gold' });
    expect(user.standardAttributes).not.toHaveProperty('given_name');
    expect(JSON.stringify(user)).not.toMatch(/Secret|risk_score|high/);
  }

  it('sign-in and refresh show what GET /me shows, never more', async () => {
    const member = await signUp(t.http);
    await giveHiddenValues(member.user.id);
    const me = await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
    expectFiltered(me.body);

    const login = await t.http
      .post('/auth/login')
      .send({ email: member.email, password: member.password })
      .expect(200);
    expectFiltered(login.body.user);
    expect(login.body.user).toEqual({ ...me.body, lastSignInAt: login.body.user.lastSignInAt });

    const refreshed = await t.http
      .post('/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    expectFiltered(refreshed.body.user);
  });

  it('an anonymous user upgrading sees the filtered view too', async () => {
    const guest = (await t.http.post('/auth/signup/anonymous').send({}).expect(201)).body;
    await giveHiddenValues(guest.user.id);
    const upgraded = await t.http
      .post('/me/upgrade')
      .set(bearer(guest.accessToken))
      .send({ email: uniqueEmail('upgrade'), password: GOOD_PASSWORD })
      .expect(200);
    expectFiltered(upgraded.body);
  });
});
