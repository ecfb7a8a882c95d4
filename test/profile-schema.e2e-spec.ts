import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, type SignedUp } from './support/users.js';

describe('the profile schema: standard and custom attributes with access rights', () => {
  let t: TestApp;
  let adminToken: string;
  let member: SignedUp;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    adminToken = (await signInAdmin(t.http)).accessToken;
    member = await signUp(t.http, { firstName: 'Ada' });
  });
  afterAll(async () => {
    await t.close();
  });

  const asAdmin = () => bearer(adminToken);
  const asMember = () => bearer(member.accessToken);
  const define = (body: object) => t.http.post('/admin/attributes').set(asAdmin()).send(body);
  const patchMe = (body: object) => t.http.patch('/me').set(asMember()).send(body);
  const patchAsAdmin = (body: object) =>
    t.http.patch(`/admin/users/${member.user.id}`).set(asAdmin()).send(body);

  describe('defining attributes', () => {
    it('lists the standard attributes with the seed defaults', async () => {
      const response = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      const byName = Object.fromEntries(
        response.body.standard.map((entry: { name: string }) => [entry.name, entry]),
      );
      expect(byName.given_name.access).toEqual({
        admin: 'editable',
        bearer: 'readonly',
        endUser: 'editable',
      });
      expect(byName.middle_name.access).toEqual({
        admin: 'hidden',
        bearer: 'hidden',
        endUser: 'hidden',
      });
      for (const editable of [
        'family_name',
        'picture',
        'gender',
        'birthdate',
        'zoneinfo',
        'locale',
      ])
        expect(byName[editable].access.endUser).toBe('editable');
      for (const hidden of ['nickname', 'profile', 'website', 'address'])
        expect(byName[hidden].access.endUser).toBe('hidden');
    });

    it('only admins reach /admin/attributes', async () => {
      await t.http.get('/admin/attributes').expect(401);
      await t.http.get('/admin/attributes').set(asMember()).expect(403);
      await t.http
        .post('/admin/attributes')
        .set(asMember())
        .send({ name: 'x', type: 'string' })
        .expect(403);
    });

    it.each([
      ['Upper', 'string'],
      ['1abc', 'string'],
      ['ends_', 'string'],
      ['has-dash', 'string'],
      ['_lead', 'string'],
      ['fine_name', 'color'],
    ])('refuses name %p / type %p', async (name, type) => {
      const response = await define({ name, type }).expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(/name|type/);
    });

    it('refuses validation that does not fit the type, an enum without values, a bad pattern', async () => {
      const wrongRule = await define({ name: 'bad_rule', type: 'string', validation: { min: 1 } });
      expect(wrongRule.status).toBe(400);
      expect(wrongRule.body.message).toEqual([
        expect.stringContaining('validation.min does not apply'),
      ]);
      await define({ name: 'bad_enum', type: 'enum' }).expect(400);
      await define({ name: 'bad_pattern', type: 'string', validation: { pattern: '(' } }).expect(
        400,
      );
      await define({ name: 'bad_range', type: 'integer', validation: { min: 5, max: 1 } }).expect(
        400,
      );
      await define({ name: 'bad_access', type: 'string', access: { endUser: 'write' } }).expect(
        400,
      );
      await define({ name: 'given_name', type: 'string' }).expect(409);
    });

    it('creates, refuses a duplicate, and never changes the type', async () => {
      const created = await define({ name: 'nick_color', type: 'string', order: 3 }).expect(201);
      expect(created.body).toMatchObject({
        name: 'nick_color',
        kind: 'custom',
        type: 'string',
        access: { admin: 'editable', bearer: 'hidden', endUser: 'hidden' },
        order: 3,
        searchable: false,
        obsolete: false,
      });
      await define({ name: 'nick_color', type: 'number' }).expect(409);
      const typeChange = await t.http
        .patch('/admin/attributes/nick_color')
        .set(asAdmin())
        .send({ type: 'number' })
        .expect(400);
      expect(typeChange.body.message).toEqual([expect.stringContaining('type never changes')]);
      // A new name renames (test/profile-schema-changes.e2e-spec.ts); a malformed one is refused.
      await t.http
        .patch('/admin/attributes/nick_color')
        .set(asAdmin())
        .send({ name: 'Other-Name' })
        .expect(400);
      await t.http.patch('/admin/attributes/no_such').set(asAdmin()).send({ order: 1 }).expect(404);
      const listed = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      expect(
        listed.body.custom.find((entry: { name: string }) => entry.name === 'nick_color').type,
      ).toBe('string');
    });

    it('a standard attribute takes only access changes', async () => {
      await t.http
        .patch('/admin/attributes/nickname')
        .set(asAdmin())
        .send({ order: 2 })
        .expect(400);
    });
  });

  describe('each type at its edges', () => {
    beforeAll(async () => {
      const editable = { admin: 'editable', bearer: 'readonly', endUser: 'editable' };
      for (const definition of [
        {
          name: 'title',
          type: 'string',
          validation: { minLength: 2, maxLength: 5, pattern: '^[a-z]+$' },
        },
        { name: 'score', type: 'number', validation: { min: -1.5, max: 10 } },
        { name: 'seats', type: 'integer', validation: { min: 1, max: 3 } },
        { name: 'tier', type: 'enum', validation: { enum: ['free', 'pro'] } },
        { name: 'office_phone', type: 'phone' },
        { name: 'work_email', type: 'email' },
        { name: 'homepage', type: 'url' },
        { name: 'country', type: 'country_code' },
      ])
        await define({ ...definition, access: editable }).expect(201);
    });

    it.each([
      ['title', 'ab', 'ab'],
      ['title', 'abcde', 'abcde'],
      ['score', -1.5, -1.5],
      ['score', 10, 10],
      ['seats', 1, 1],
      ['seats', 3, 3],
      ['tier', 'pro', 'pro'],
      ['office_phone', '+14155550123', '+14155550123'],
      ['work_email', 'ada@example.com', 'ada@example.com'],
      ['homepage', 'https://example.com/ada', 'https://example.com/ada'],
      ['country', 'DE', 'DE'],
    ])('accepts %s = %p', async (name, value, stored) => {
      const response = await patchMe({ customAttributes: { [name]: value } }).expect(200);
      expect(response.body.customAttributes[name]).toEqual(stored);
    });

    it.each([
      ['title', 'a', 'at least 2'],
      ['title', 'abcdef', 'at most 5'],
      ['title', 'ABC', 'pattern'],
      ['title', 12, 'string'],
      ['score', -1.6, 'at least -1.5'],
      ['score', 10.01, 'at most 10'],
      ['score', '5', 'number'],
      ['seats', 0, 'at least 1'],
      ['seats', 4, 'at most 3'],
      ['seats', 1.5, 'integer'],
      ['tier', 'gold', 'one of free, pro'],
      ['office_phone', '+1415', 'phone'],
      ['office_phone', '4155550123', 'phone'],
      ['work_email', 'not-an-email', 'email'],
      ['homepage', 'ftp://example.com', 'http'],
      ['homepage', 'javascript:alert(1)', 'http'],
      ['country', 'XK', 'ISO 3166-1'],
      ['country', 'de', 'ISO 3166-1'],
    ])('refuses %s = %p (400 naming the field)', async (name, value, problem) => {
      const response = await patchMe({ customAttributes: { [name]: value } }).expect(400);
      expect(response.body.message).toEqual([expect.stringContaining(`customAttributes.${name}`)]);
      expect(response.body.message[0]).toContain(problem);
    });

    it('refuses an unknown attribute, naming it', async () => {
      const response = await patchMe({ customAttributes: { nope: 1 } }).expect(400);
      expect(response.body.message).toEqual(['customAttributes.nope is not a defined attribute']);
      const standard = await patchMe({ standardAttributes: { shoe_size: 1 } }).expect(400);
      expect(standard.body.message).toEqual([
        'standardAttributes.shoe_size is not a standard attribute',
      ]);
    });

    it('null clears a value', async () => {
      await patchMe({ customAttributes: { tier: 'free' } }).expect(200);
      const cleared = await patchMe({ customAttributes: { tier: null } }).expect(200);
      expect(cleared.body.customAttributes).not.toHaveProperty('tier');
    });
  });

  describe('standard attribute values', () => {
    it.each([
      ['birthdate', '2000-02-29', '2000-02-29'],
      ['zoneinfo', 'Europe/Paris', 'Europe/Paris'],
      ['zoneinfo', 'Asia/Kolkata', 'Asia/Kolkata'],
      ['locale', 'en-us', 'en-US'],
      ['locale', 'zh-Hant-TW', 'zh-Hant-TW'],
      ['gender', 'female', 'female'],
      ['gender', 'non-binary', 'non-binary'],
    ])('accepts %s = %p', async (name, value, stored) => {
      const response = await patchMe({ standardAttributes: { [name]: value } }).expect(200);
      expect(response.body.standardAttributes[name]).toBe(stored);
    });

    it.each([
      ['birthdate', '2023-02-29'],
      ['birthdate', '1990-13-01'],
      ['birthdate', '1990-1-1'],
      ['birthdate', '2999-01-01'],
      ['zoneinfo', 'Mars/Olympus'],
      ['zoneinfo', '+01:00'],
      ['locale', 'en_US'],
      ['locale', 'x'],
      ['gender', ''],
      ['given_name', 5],
    ])('refuses %s = %p', async (name, value) => {
      const response = await patchMe({ standardAttributes: { [name]: value } }).expect(400);
      expect(response.body.message[0]).toContain(`standardAttributes.${name}`);
    });

    it('given_name is firstName: one column under two names', async () => {
      const response = await patchMe({ standardAttributes: { given_name: 'Augusta' } }).expect(200);
      expect(response.body.firstName).toBe('Augusta');
      expect(response.body.standardAttributes.given_name).toBe('Augusta');
      await patchMe({ firstName: 'A', standardAttributes: { given_name: 'B' } }).expect(400);
    });

    it('an admin edits an address once it is opened to admins; the user still cannot see it', async () => {
      const hidden = await patchAsAdmin({
        standardAttributes: { address: { locality: 'London' } },
      });
      expect(hidden.status).toBe(403);
      expect(hidden.body.message).toEqual(['standardAttributes.address is not available for you']);
      await t.http
        .patch('/admin/attributes/address')
        .set(asAdmin())
        .send({ access: { admin: 'editable' } })
        .expect(200);
      await patchAsAdmin({ standardAttributes: { address: { country: 'UK', zip: '1' } } }).expect(
        400,
      );
      const written = await patchAsAdmin({
        standardAttributes: { address: { locality: 'London', country: 'UK' } },
      }).expect(200);
      expect(written.body.standardAttributes.address).toEqual({
        locality: 'London',
        country: 'UK',
      });
      const me = await t.http.get('/me').set(asMember()).expect(200);
      expect(me.body.standardAttributes).not.toHaveProperty('address');
      await patchMe({ standardAttributes: { address: { locality: 'Paris' } } }).expect(403);
    });
  });

  describe('each party at each access level', () => {
    const levels = ['hidden', 'readonly', 'editable'] as const;
    let counter = 0;
    it.each(levels)('end user, %s', async (level) => {
      counter += 1;
      const name = `end_user_${level}_${counter}`;
      await define({ name, type: 'string', access: { endUser: level } }).expect(201);
      await patchAsAdmin({ customAttributes: { [name]: 'set-by-admin' } }).expect(200);
      const me = await t.http.get('/me').set(asMember()).expect(200);
      if (level === 'hidden') expect(me.body.customAttributes).not.toHaveProperty(name);
      else expect(me.body.customAttributes[name]).toBe('set-by-admin');
      const write = await patchMe({ customAttributes: { [name]: 'mine' } });
      expect(write.status).toBe(level === 'editable' ? 200 : 403);
      if (level !== 'editable')
        expect(write.body.message).toEqual([
          `customAttributes.${name} is ${level === 'readonly' ? 'read-only' : 'not available'} for you`,
        ]);
    });

    it.each(levels)('bearer, %s (GET /userinfo)', async (level) => {
      const name = `bearer_${level}`;
      await define({
        name,
        type: 'integer',
        access: { bearer: level, endUser: 'editable' },
      }).expect(201);
      await patchMe({ customAttributes: { [name]: 7 } }).expect(200);
      const info = await t.http.get('/userinfo').set(asMember()).expect(200);
      if (level === 'hidden') expect(info.body.custom_attributes).not.toHaveProperty(name);
      else expect(info.body.custom_attributes[name]).toBe(7);
    });

    it.each(levels)('admin, %s', async (level) => {
      const name = `admin_${level}`;
      await define({ name, type: 'string', access: { admin: level, endUser: 'editable' } }).expect(
        201,
      );
      await patchMe({ customAttributes: { [name]: 'by-user' } }).expect(200);
      const view = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
      if (level === 'hidden') expect(view.body.customAttributes).not.toHaveProperty(name);
      else expect(view.body.customAttributes[name]).toBe('by-user');
      const write = await patchAsAdmin({ customAttributes: { [name]: 'by-admin' } });
      expect(write.status).toBe(level === 'editable' ? 200 : 403);
    });

    it('standard attribute access changed at run time applies at once (firstName included)', async () => {
      await t.http
        .patch('/admin/attributes/given_name')
        .set(asAdmin())
        .send({ access: { endUser: 'readonly' } })
        .expect(200);
      const refused = await patchMe({ firstName: 'Changed' }).expect(403);
      expect(refused.body.message).toEqual(['firstName (given_name) is read-only for you']);
      await t.http
        .patch('/admin/attributes/given_name')
        .set(asAdmin())
        .send({ access: { endUser: 'hidden' } })
        .expect(200);
      const me = await t.http.get('/me').set(asMember()).expect(200);
      expect(me.body.firstName).toBeNull();
      expect(me.body.standardAttributes).not.toHaveProperty('given_name');
      await t.http
        .patch('/admin/attributes/given_name')
        .set(asAdmin())
        .send({ access: { endUser: 'editable' } })
        .expect(200);
      await patchMe({ firstName: 'Ada' }).expect(200);
    });
  });

  describe('concurrent writes', () => {
    it('writes of different attributes at the same moment all land (none overwrites another)', async () => {
      const names = ['race_a', 'race_b', 'race_c', 'race_d', 'race_e'];
      for (const name of names)
        await define({ name, type: 'string', access: { endUser: 'editable' } }).expect(201);
      await Promise.all(
        names.map((name, index) =>
          index % 2 === 0
            ? patchMe({ customAttributes: { [name]: name } }).expect(200)
            : patchAsAdmin({ customAttributes: { [name]: name } }).expect(200),
        ),
      );
      const view = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
      for (const name of names) expect(view.body.customAttributes[name]).toBe(name);
    });
  });

  describe('obsolete attributes and changed definitions', () => {
    it('an obsolete attribute is hidden from all but admins, and its value is kept', async () => {
      await define({
        name: 'legacy_code',
        type: 'string',
        access: { admin: 'editable', bearer: 'readonly', endUser: 'editable' },
      }).expect(201);
      await patchMe({ customAttributes: { legacy_code: 'abc' } }).expect(200);
      await t.http
        .patch('/admin/attributes/legacy_code')
        .set(asAdmin())
        .send({ obsolete: true })
        .expect(200);
      const me = await t.http.get('/me').set(asMember()).expect(200);
      expect(me.body.customAttributes).not.toHaveProperty('legacy_code');
      const info = await t.http.get('/userinfo').set(asMember()).expect(200);
      expect(info.body.custom_attributes).not.toHaveProperty('legacy_code');
      await patchMe({ customAttributes: { legacy_code: 'x' } }).expect(403);
      const admin = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
      expect(admin.body.customAttributes.legacy_code).toBe('abc');
    });

    it('a value written before its validation tightened stays readable by admins', async () => {
      await define({
        name: 'shoe_size',
        type: 'integer',
        access: { endUser: 'editable' },
      }).expect(201);
      await patchMe({ customAttributes: { shoe_size: 50 } }).expect(200);
      await t.http
        .patch('/admin/attributes/shoe_size')
        .set(asAdmin())
        .send({ validation: { max: 45 } })
        .expect(200);
      const admin = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
      expect(admin.body.customAttributes.shoe_size).toBe(50);
      await patchMe({ customAttributes: { shoe_size: 46 } }).expect(400);
      // Writing another attribute never drops this one.
      await patchMe({ customAttributes: { title: 'abc' } }).expect(200);
      const again = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
      expect(again.body.customAttributes.shoe_size).toBe(50);
    });
  });
});
