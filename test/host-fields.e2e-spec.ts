import { defineUserFields, type UserFieldDeclarations } from '@userkit/user';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail, type SignedUp } from './support/users.js';

/** The host's own fields, one per access case the views and writes must honour. */
const fields = defineUserFields({
  companyId: {
    type: 'string',
    maxLength: 40,
    access: { endUser: 'readonly' },
    searchable: true,
    order: 1,
  },
  plan: { type: 'enum', values: ['free', 'pro'], access: { endUser: 'editable' }, order: 2 },
  seats: { type: 'integer', min: 1, max: 500, access: { endUser: 'editable' } },
  internalScore: { type: 'number' },
  externalRef: { type: 'string', access: { admin: 'readonly', endUser: 'editable' } },
});

describe('typed host fields declared in code (UserModule fields)', () => {
  let t: TestApp;
  let adminToken: string;
  let member: SignedUp;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, overrides: { fields } });
    adminToken = (await signInAdmin(t.http)).accessToken;
    member = await signUp(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  const asAdmin = () => bearer(adminToken);
  const patchMe = (body: object) => t.http.patch('/me').set(bearer(member.accessToken)).send(body);
  const patchAsAdmin = (id: string, body: object) =>
    t.http.patch(`/admin/users/${id}`).set(asAdmin()).send(body);
  const me = async () => (await t.http.get('/me').set(bearer(member.accessToken)).expect(200)).body;

  it('creates them at start as declared custom attributes of the profile schema', async () => {
    const response = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
    const byName = Object.fromEntries(
      response.body.custom.map((entry: { name: string }) => [entry.name, entry]),
    );
    expect(byName.companyId).toMatchObject({
      name: 'companyId',
      kind: 'custom',
      type: 'string',
      validation: { maxLength: 40 },
      access: { admin: 'editable', bearer: 'hidden', endUser: 'readonly' },
      order: 1,
      searchable: true,
      obsolete: false,
      declared: true,
    });
    expect(byName.plan).toMatchObject({
      type: 'enum',
      validation: { enum: ['free', 'pro'] },
      access: { admin: 'editable', bearer: 'hidden', endUser: 'editable' },
      declared: true,
    });
    expect(byName.internalScore.access).toEqual({
      admin: 'editable',
      bearer: 'hidden',
      endUser: 'hidden',
    });
    expect(byName.externalRef.access.admin).toBe('readonly');

    const own = await t.http
      .get('/me/attribute-schema')
      .set(bearer(member.accessToken))
      .expect(200);
    expect(own.body.custom.map((entry: { name: string }) => entry.name)).toEqual([
      'externalRef',
      'seats',
      'companyId',
      'plan',
    ]);
  });

  describe('in /me, as the end user’s access allows', () => {
    it('an editable field is written and read back; a wrong type or enum value is 400', async () => {
      const updated = await patchMe({ customAttributes: { plan: 'pro', seats: 12 } }).expect(200);
      expect(updated.body.customAttributes).toEqual({ plan: 'pro', seats: 12 });
      expect((await me()).customAttributes).toEqual({ plan: 'pro', seats: 12 });

      const badEnum = await patchMe({ customAttributes: { plan: 'enterprise' } }).expect(400);
      expect(badEnum.body.code).toBe('ATTRIBUTE_INVALID');
      expect(badEnum.body.message).toEqual(['customAttributes.plan must be one of free, pro']);
      const badType = await patchMe({ customAttributes: { seats: '12' } }).expect(400);
      expect(badType.body.code).toBe('ATTRIBUTE_INVALID');
      expect(badType.body.message).toEqual(['customAttributes.seats must be an integer']);
      const outOfRange = await patchMe({ customAttributes: { seats: 0 } }).expect(400);
      expect(outOfRange.body.message).toEqual(['customAttributes.seats must be at least 1']);
      expect((await me()).customAttributes).toEqual({ plan: 'pro', seats: 12 });
    });

    it('a readonly field is shown but refused on write; a hidden one neither shown nor written', async () => {
      await patchAsAdmin(member.user.id, {
        customAttributes: { companyId: 'acme', internalScore: 7.5 },
      }).expect(200);
      const view = await me();
      expect(view.customAttributes).toMatchObject({ companyId: 'acme' });
      expect(view.customAttributes).not.toHaveProperty('internalScore');

      const readonly = await patchMe({ customAttributes: { companyId: 'other' } }).expect(403);
      expect(readonly.body).toMatchObject({
        code: 'ATTRIBUTE_FORBIDDEN',
        message: ['customAttributes.companyId is read-only for you'],
      });
      const hidden = await patchMe({ customAttributes: { internalScore: 1 } }).expect(403);
      expect(hidden.body.message).toEqual([
        'customAttributes.internalScore is not available for you',
      ]);
      expect((await me()).customAttributes.companyId).toBe('acme');
    });
  });

  describe('in the admin views, as the admin’s access allows', () => {
    it('shows every field the admin may read and refuses a write to an admin-readonly one', async () => {
      await patchMe({ customAttributes: { externalRef: 'crm-42' } }).expect(200);
      const view = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
      expect(view.body.customAttributes).toMatchObject({
        companyId: 'acme',
        plan: 'pro',
        seats: 12,
        internalScore: 7.5,
        externalRef: 'crm-42',
      });
      const refused = await patchAsAdmin(member.user.id, {
        customAttributes: { externalRef: 'crm-43' },
      }).expect(403);
      expect(refused.body.code).toBe('ATTRIBUTE_FORBIDDEN');
      const invalid = await patchAsAdmin(member.user.id, {
        customAttributes: { companyId: 'x'.repeat(41) },
      }).expect(400);
      expect(invalid.body.message).toEqual([
        'customAttributes.companyId must be at most 40 characters',
      ]);
    });

    it('filters the list on a searchable camelCase field', async () => {
      const list = await t.http
        .get('/admin/users')
        .query({ attribute: 'companyId', attributeValue: 'acme' })
        .set(asAdmin())
        .expect(200);
      expect(list.body.data.map((user: { id: string }) => user.id)).toEqual([member.user.id]);
    });
  });

  describe('set when a user is created', () => {
    it('at sign-up: fields the end user may edit, checked against their type', async () => {
      const signedUp = await signUp(t.http, { customAttributes: { plan: 'free', seats: 3 } });
      const view = await t.http.get('/me').set(bearer(signedUp.accessToken)).expect(200);
      expect(view.body.customAttributes).toEqual({ plan: 'free', seats: 3 });
    });

    it('at sign-up: refuses a field the end user may not edit, or a bad value, and creates nobody', async () => {
      const email = uniqueEmail('fields');
      const readonly = await t.http
        .post('/auth/signup')
        .send({ email, password: GOOD_PASSWORD, customAttributes: { companyId: 'acme' } })
        .expect(403);
      expect(readonly.body).toMatchObject({
        code: 'ATTRIBUTE_FORBIDDEN',
        message: ['customAttributes.companyId is read-only for you'],
      });
      const hidden = await t.http
        .post('/auth/signup')
        .send({ email, password: GOOD_PASSWORD, customAttributes: { internalScore: 3 } })
        .expect(403);
      expect(hidden.body.code).toBe('ATTRIBUTE_FORBIDDEN');
      const badEnum = await t.http
        .post('/auth/signup')
        .send({ email, password: GOOD_PASSWORD, customAttributes: { plan: 'gold' } })
        .expect(400);
      expect(badEnum.body).toMatchObject({
        code: 'ATTRIBUTE_INVALID',
        message: ['customAttributes.plan must be one of free, pro'],
      });
      const unknown = await t.http
        .post('/auth/signup')
        .send({ email, password: GOOD_PASSWORD, customAttributes: { shoeSize: 44 } })
        .expect(400);
      expect(unknown.body.message).toEqual([
        'customAttributes.shoeSize is not a defined attribute',
      ]);
      const notAnObject = await t.http
        .post('/auth/signup')
        .send({ email, password: GOOD_PASSWORD, customAttributes: ['pro'] })
        .expect(400);
      expect(notAnObject.body.code).toBe('VALIDATION_FAILED');
      // The address is still free: none of the refused sign-ups created the user.
      await signUp(t.http, { email });
    });

    it('at admin create: fields the admin may edit, shown in the answer', async () => {
      const created = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({
          email: uniqueEmail('created'),
          customAttributes: { companyId: 'globex', internalScore: 3, plan: 'pro' },
        })
        .expect(201);
      expect(created.body.customAttributes).toEqual({
        companyId: 'globex',
        plan: 'pro',
        internalScore: 3,
      });
      const read = await t.http.get(`/admin/users/${created.body.id}`).set(asAdmin()).expect(200);
      expect(read.body.customAttributes).toEqual(created.body.customAttributes);
    });

    it('at admin create: refuses an admin-readonly field and a wrong type, and creates nobody', async () => {
      const email = uniqueEmail('refused');
      const readonly = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email, customAttributes: { externalRef: 'crm-1' } })
        .expect(403);
      expect(readonly.body).toMatchObject({
        code: 'ATTRIBUTE_FORBIDDEN',
        message: ['customAttributes.externalRef is read-only for you'],
      });
      const wrongType = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email, customAttributes: { internalScore: 'high' } })
        .expect(400);
      expect(wrongType.body).toMatchObject({
        code: 'ATTRIBUTE_INVALID',
        message: ['customAttributes.internalScore must be a number'],
      });
      const list = await t.http.get('/admin/users').query({ query: email }).set(asAdmin());
      expect(list.body.data).toEqual([]);
    });
  });

  describe('the admin API leaves declared fields to the code', () => {
    it('answers 409 ATTRIBUTE_DECLARED to a definition or a change of a declared name', async () => {
      const created = await t.http
        .post('/admin/attributes')
        .set(asAdmin())
        .send({ name: 'plan', type: 'string' })
        .expect(409);
      expect(created.body.code).toBe('ATTRIBUTE_DECLARED');
      const changed = await t.http
        .patch('/admin/attributes/plan')
        .set(asAdmin())
        .send({ obsolete: true })
        .expect(409);
      expect(changed.body.code).toBe('ATTRIBUTE_DECLARED');
      const camel = await t.http
        .patch('/admin/attributes/companyId')
        .set(asAdmin())
        .send({ access: { endUser: 'editable' } })
        .expect(409);
      expect(camel.body.code).toBe('ATTRIBUTE_DECLARED');
      const unknown = await t.http
        .patch('/admin/attributes/someOtherField')
        .set(asAdmin())
        .send({ obsolete: true })
        .expect(404);
      expect(unknown.body.code).toBe('ATTRIBUTE_NOT_FOUND');
      const schema = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      const plan = schema.body.custom.find((entry: { name: string }) => entry.name === 'plan');
      expect(plan).toMatchObject({ type: 'enum', obsolete: false, declared: true });
    });

    it('still lets admins define and change attributes of their own', async () => {
      await t.http
        .post('/admin/attributes')
        .set(asAdmin())
        .send({ name: 'loyalty_tier', type: 'string' })
        .expect(201);
      const changed = await t.http
        .patch('/admin/attributes/loyalty_tier')
        .set(asAdmin())
        .send({ access: { endUser: 'readonly' } })
        .expect(200);
      expect(changed.body).toMatchObject({ declared: false, access: { endUser: 'readonly' } });
    });
  });
});

describe('declared fields across restarts', () => {
  const start = (declared: UserFieldDeclarations, database?: TestApp['database']) =>
    startTestApp({ env: ADMIN_ENV, overrides: { fields: declared }, database });

  it('follows the code: changed access applies, a field left out goes obsolete with its values kept', async () => {
    const first = await start({
      companyId: { type: 'string', access: { endUser: 'readonly' } },
      nickname2: { type: 'string', access: { endUser: 'editable' } },
    });
    const member = await signUp(first.http, {
      customAttributes: { nickname2: 'ada' },
    });
    const adminToken = (await signInAdmin(first.http)).accessToken;
    await first.http
      .patch(`/admin/users/${member.user.id}`)
      .set(bearer(adminToken))
      .send({ customAttributes: { companyId: 'acme' } })
      .expect(200);
    await first.close({ keepDatabase: true });

    const second = await start(
      { companyId: { type: 'string', access: { endUser: 'hidden' } } },
      first.database,
    );
    try {
      const me = await second.http.get('/me').set(bearer(member.accessToken)).expect(200);
      expect(me.body.customAttributes).toEqual({});
      const admin = (await signInAdmin(second.http)).accessToken;
      const schema = await second.http.get('/admin/attributes').set(bearer(admin)).expect(200);
      const byName = Object.fromEntries(
        schema.body.custom.map((entry: { name: string }) => [entry.name, entry]),
      );
      expect(byName.companyId).toMatchObject({ declared: true, access: { endUser: 'hidden' } });
      // Back with the admins, obsolete: they may reopen it now.
      expect(byName.nickname2).toMatchObject({ declared: false, obsolete: true });
      const view = await second.http
        .get(`/admin/users/${member.user.id}`)
        .set(bearer(admin))
        .expect(200);
      expect(view.body.customAttributes).toEqual({ companyId: 'acme', nickname2: 'ada' });
      await second.http
        .patch('/admin/attributes/nickname2')
        .set(bearer(admin))
        .send({ obsolete: false })
        .expect(200);
    } finally {
      await second.close();
    }
  });

  it('takes over an admin-made attribute of the same type, and refuses to start on another type', async () => {
    const first = await start({});
    const admin = (await signInAdmin(first.http)).accessToken;
    await first.http
      .post('/admin/attributes')
      .set(bearer(admin))
      .send({ name: 'tier', type: 'string' })
      .expect(201);
    await first.close({ keepDatabase: true });

    await expect(
      start({ tier: { type: 'enum', values: ['gold'] } }, first.database),
    ).rejects.toThrow(
      /fields\.tier is declared as enum, but the profile schema already has tier as string/,
    );

    const adopted = await start({ tier: { type: 'string', maxLength: 10 } }, first.database);
    try {
      const token = (await signInAdmin(adopted.http)).accessToken;
      const schema = await adopted.http.get('/admin/attributes').set(bearer(token)).expect(200);
      const tier = schema.body.custom.find((entry: { name: string }) => entry.name === 'tier');
      expect(tier).toMatchObject({ declared: true, validation: { maxLength: 10 } });
    } finally {
      await adopted.close();
    }
  });

  it('refuses to start on a declaration that is not valid, naming each problem', async () => {
    const database = await createTestDatabase();
    try {
      await expect(
        start({ 'company-id': { type: 'string' }, plan: { type: 'enum', values: [] } }, database),
      ).rejects.toThrow(
        /fields\.company-id: a field name is letters[\s\S]*fields\.plan\.values must list the allowed values/,
      );
    } finally {
      await database.drop();
    }
  });
});
