import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, type SignedUp } from './support/users.js';

describe('GET /me/attribute-schema: the profile schema as the end user sees it', () => {
  let t: TestApp;
  let adminToken: string;
  let member: SignedUp;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    adminToken = (await signInAdmin(t.http)).accessToken;
    member = await signUp(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  const define = (body: object) =>
    t.http.post('/admin/attributes').set(bearer(adminToken)).send(body).expect(201);

  it('lists visible attributes with their access and rules, leaves out hidden and obsolete ones', async () => {
    await define({
      name: 'shoe_size',
      type: 'integer',
      validation: { min: 30, max: 50 },
      access: { endUser: 'editable' },
      order: 2,
    });
    await define({
      name: 'tier',
      type: 'enum',
      validation: { enum: ['gold', 'silver'] },
      access: { endUser: 'readonly' },
      order: 1,
    });
    await define({ name: 'internal_score', type: 'number' });
    await define({ name: 'old_field', type: 'string', access: { endUser: 'editable' } });
    await t.http
      .patch('/admin/attributes/old_field')
      .set(bearer(adminToken))
      .send({ obsolete: true })
      .expect(200);

    const response = await t.http.get('/me/attribute-schema').set(bearer(member.accessToken));
    expect(response.status).toBe(200);
    expect(response.body.custom).toEqual([
      {
        name: 'tier',
        label: 'Tier',
        kind: 'custom',
        type: 'enum',
        validation: { enum: ['gold', 'silver'] },
        access: 'readonly',
      },
      {
        name: 'shoe_size',
        label: 'Shoe Size',
        kind: 'custom',
        type: 'integer',
        validation: { min: 30, max: 50 },
        access: 'editable',
      },
    ]);
    // Authgear's defaults: given_name is editable by the end user; hidden ones are absent.
    expect(response.body.standard).toEqual(
      expect.arrayContaining([
        { name: 'given_name', label: 'Given Name', kind: 'standard', access: 'editable' },
      ]),
    );
    for (const attribute of response.body.standard) expect(attribute.access).not.toBe('hidden');
  });

  it('needs a session', async () => {
    const response = await t.http.get('/me/attribute-schema');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401 });
  });
});
