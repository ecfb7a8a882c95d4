import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, uniqueEmail, type SignedUp } from './support/users.js';

/**
 * The list reads its page of users in one statement of its own (not through the ORM's populate):
 * every listed user must look exactly as GET /admin/users/:id (the ORM's read) shows it — emails,
 * phones, external accounts and roles in the same order, the same dates, booleans and nulls.
 */
describe('admin list: each listed user as the single-user view shows it', () => {
  let t: TestApp;
  let asAdmin: () => { Authorization: string };
  const tag = `lv${Date.now().toString(36)}`;
  let phoneCounter = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    const admin = await signInAdmin(t.http);
    asAdmin = () => bearer(admin.accessToken);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A user with two emails, two phones, an external account, metadata and two roles. */
  async function richUser(index: number): Promise<SignedUp> {
    const account = await signUp(t.http, {
      email: uniqueEmail(`${tag}.rich${index}`),
      displayName: `Rich ${tag} ${index}`,
    });
    const token = bearer(account.accessToken);
    await t.http
      .post('/me/emails')
      .set(token)
      .send({ email: uniqueEmail(`${tag}.second${index}`) })
      .expect(201);
    for (let phone = 0; phone < 2; phone += 1) {
      phoneCounter += 1;
      await t.http
        .post('/me/phones')
        .set(token)
        .send({
          phoneNumber: `+1201555${String(3000 + index * 10 + phoneCounter).padStart(4, '0')}`,
        })
        .expect(201);
    }
    await sql(
      t.app,
      'insert into userkit_external_accounts (id, user_id, provider, provider_user_id, email, display_name, picture, verification_status, verification_error, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        `01930000-0000-7000-8000-0000000${String(index).padStart(5, '0')}`,
        account.user.id,
        'github',
        `gh-${tag}-${index}`,
        index % 2 === 0 ? null : `gh${index}@example.com`,
        index % 2 === 0 ? `GH ${index}` : null,
        null,
        index % 2 === 0 ? 'failed' : 'verified',
        index % 2 === 0 ? 'email not verified at the provider' : null,
        new Date(),
      ],
    );
    await t.http
      .patch(`/admin/users/${account.user.id}`)
      .set(asAdmin())
      .send({
        firstName: `First${index}`,
        publicMetadata: { plan: 'pro', seats: index },
        privateMetadata: { note: `n${index}`, flags: [true, null] },
      })
      .expect(200);
    await t.http
      .put(`/admin/users/${account.user.id}/roles`)
      .set(asAdmin())
      .send({ roles: ['user', 'anonymous'] })
      .expect(200);
    return account;
  }

  it('lists full users equal to GET /admin/users/:id, in the page order', async () => {
    const users = [await richUser(1), await richUser(2)];
    const plain = await signUp(t.http, { email: uniqueEmail(`${tag}.plain`) });

    const page = await t.http.get('/admin/users').query({ query: tag }).set(asAdmin()).expect(200);
    expect(page.body.data.map((user: { id: string }) => user.id)).toEqual([
      users[0]!.user.id,
      users[1]!.user.id,
      plain.user.id,
    ]);
    for (const listed of page.body.data) {
      const single = await t.http.get(`/admin/users/${listed.id}`).set(asAdmin()).expect(200);
      expect(listed).toEqual(single.body);
    }

    const [first] = page.body.data;
    expect(first.emailAddresses).toHaveLength(2);
    expect(first.emailAddresses[0]).toMatchObject({ primary: true, verified: false });
    expect(first.phoneNumbers).toHaveLength(2);
    expect(first.phoneNumbers[0]).toMatchObject({ primary: true, verified: false });
    expect(first.phoneNumbers[1]).toMatchObject({ primary: false });
    expect(first.externalAccounts).toEqual([
      expect.objectContaining({
        provider: 'github',
        email: 'gh1@example.com',
        displayName: null,
        picture: null,
        verification: expect.objectContaining({ status: 'verified', error: null }),
      }),
    ]);
    expect(first.roles).toEqual(['anonymous', 'user']);
    expect(first.privateMetadata).toEqual({ note: 'n1', flags: [true, null] });
    expect(first.publicMetadata).toEqual({ plan: 'pro', seats: 1 });
    expect(first.banned).toBe(false);
    expect(page.body.data[2].phoneNumbers).toEqual([]);
    expect(page.body.data[2].externalAccounts).toEqual([]);
  });

  it('lists the signed-in admin itself as its own view shows it', async () => {
    const page = await t.http
      .get('/admin/users')
      .query({ role: 'admin' })
      .set(asAdmin())
      .expect(200);
    expect(page.body.data).toHaveLength(1);
    const single = await t.http
      .get(`/admin/users/${page.body.data[0].id}`)
      .set(asAdmin())
      .expect(200);
    expect(page.body.data[0]).toEqual(single.body);
    expect(page.body.data[0].roles).toEqual(['admin']);
  });
});
