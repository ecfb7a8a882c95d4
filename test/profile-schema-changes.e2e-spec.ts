import { generateKeyPairSync } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { defineUserFields, type UserUpdatedEvent } from '@userkit/user';
import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, uniqueEmail, GOOD_PASSWORD, type SignedUp } from './support/users.js';

const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

const fields = defineUserFields({ companyId: { type: 'string', maxLength: 40 } });

/**
 * Changes of the profile schema that reach the users' values: a rename moves them (item 6), a
 * `required` rule fills them or is refused (item 9); labels (item 7), the full name `name`
 * (item 8) and admin-made users with attributes (item 9).
 */
describe('profile schema changes: rename, labels, the full name, required attributes', () => {
  let t: TestApp;
  let adminToken: string;
  const updated: UserUpdatedEvent[] = [];
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      overrides: {
        fields,
        tokenSigningKey: signingKey,
        tokenTemplates: {
          crm: { claims: { tier: 'customAttributes.crm_tier', email: 'email' } },
        },
      },
    });
    t.app
      .get(EventEmitter2)
      .on('user.updated', (payload: UserUpdatedEvent) => updated.push(payload));
    adminToken = (await signInAdmin(t.http)).accessToken;
  });
  afterAll(async () => {
    await t.close();
  });

  const asAdmin = () => bearer(adminToken);
  const define = (body: object) => t.http.post('/admin/attributes').set(asAdmin()).send(body);
  const patchAttribute = (name: string, body: object) =>
    t.http.patch(`/admin/attributes/${name}`).set(asAdmin()).send(body);
  const patchUser = (id: string, body: object) =>
    t.http.patch(`/admin/users/${id}`).set(asAdmin()).send(body);
  const adminView = (id: string) => t.http.get(`/admin/users/${id}`).set(asAdmin()).expect(200);
  const editableByAll = { admin: 'editable', bearer: 'readonly', endUser: 'editable' };

  /** The stored JSON of a user's custom attributes, straight from the database. */
  async function storedCustom(userId: string): Promise<Record<string, unknown>> {
    const [row] = await sql<{ custom_attributes: unknown }>(
      t.app,
      'select custom_attributes from userkit_users where id = ?',
      [userId],
    );
    const value = row.custom_attributes;
    return typeof value === 'string' ? JSON.parse(value) : (value as Record<string, unknown>);
  }

  describe('renaming a custom attribute (values move with it)', () => {
    let holders: SignedUp[];
    beforeAll(async () => {
      await define({
        name: 'loyalty',
        type: 'string',
        access: editableByAll,
        searchable: true,
      }).expect(201);
      holders = await Promise.all([signUp(t.http), signUp(t.http), signUp(t.http)]);
      for (const [index, holder] of holders.entries())
        await patchUser(holder.user.id, { customAttributes: { loyalty: `level-${index}` } }).expect(
          200,
        );
    });

    it('moves every value in one change, frees the old name and tells each user’s listeners', async () => {
      const withoutValue = await signUp(t.http);
      const heardBefore = updated.length;
      const renamed = await patchAttribute('loyalty', { name: 'loyalty_level' }).expect(200);
      expect(renamed.body).toMatchObject({
        name: 'loyalty_level',
        label: 'Loyalty Level',
        previousNames: ['loyalty'],
        searchable: true,
        access: editableByAll,
      });
      for (const [index, holder] of holders.entries()) {
        expect(await storedCustom(holder.user.id)).toEqual({ loyalty_level: `level-${index}` });
        const me = await t.http.get('/me').set(bearer(holder.accessToken)).expect(200);
        expect(me.body.customAttributes).toEqual({ loyalty_level: `level-${index}` });
        const info = await t.http.get('/userinfo').set(bearer(holder.accessToken)).expect(200);
        expect(info.body.custom_attributes).toEqual({ loyalty_level: `level-${index}` });
      }
      expect(await storedCustom(withoutValue.user.id)).toEqual({});
      // One user.updated per user whose value moved, naming both names; none for the others.
      const heard = updated.slice(heardBefore);
      expect(heard.map((event) => event.userId).sort()).toEqual(
        holders.map((holder) => holder.user.id).sort(),
      );
      for (const event of heard)
        expect(event.changes).toEqual([
          'customAttributes.loyalty',
          'customAttributes.loyalty_level',
        ]);

      // The old name is free: a new attribute takes it, with no value on anyone.
      const again = await define({ name: 'loyalty', type: 'integer' }).expect(201);
      expect(again.body.previousNames).toEqual([]);
      const view = await adminView(holders[0].user.id);
      expect(view.body.customAttributes).toEqual({ loyalty_level: 'level-0' });
    });

    it('refuses writes and filters by the old name with a message naming the new one', async () => {
      await define({
        name: 'badge',
        type: 'string',
        access: editableByAll,
        searchable: true,
      }).expect(201);
      await patchAttribute('badge', { name: 'badge_code' }).expect(200);
      const write = await t.http
        .patch('/me')
        .set(bearer(holders[0].accessToken))
        .send({ customAttributes: { badge: 'x' } })
        .expect(400);
      expect(write.body).toMatchObject({ code: 'ATTRIBUTE_INVALID' });
      expect(write.body.message).toEqual([
        'customAttributes.badge is not a defined attribute (it was renamed to badge_code)',
      ]);
      const filter = await t.http
        .get('/admin/users?attribute=badge&attributeValue=x')
        .set(asAdmin())
        .expect(400);
      expect(filter.body.message).toEqual([
        'attribute badge was renamed to badge_code: filter by badge_code',
      ]);
      await patchUser(holders[1].user.id, { customAttributes: { badge_code: 'B-7' } }).expect(200);
      const found = await t.http
        .get('/admin/users?attribute=badge_code&attributeValue=B-7')
        .set(asAdmin())
        .expect(200);
      expect(found.body.data.map((user: { id: string }) => user.id)).toEqual([holders[1].user.id]);
    });

    it('refuses a taken, standard, declared or malformed new name, and standard attributes', async () => {
      await define({ name: 'color_a', type: 'string' }).expect(201);
      await define({ name: 'color_b', type: 'string' }).expect(201);
      const taken = await patchAttribute('color_a', { name: 'color_b' }).expect(409);
      expect(taken.body.code).toBe('ATTRIBUTE_TAKEN');
      expect((await patchAttribute('color_a', { name: 'nickname' }).expect(409)).body.code).toBe(
        'ATTRIBUTE_TAKEN',
      );
      expect((await patchAttribute('color_a', { name: 'companyId' }).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
      expect((await patchAttribute('companyId', { name: 'company' }).expect(409)).body.code).toBe(
        'ATTRIBUTE_DECLARED',
      );
      for (const name of ['Color', 'color_', '1color', 'a'.repeat(64), '', 'has space'])
        await patchAttribute('color_a', { name }).expect(400);
      for (const name of [null, 7, ['color_c'], { x: 1 }])
        await patchAttribute('color_a', { name }).expect(400);
      const standard = await patchAttribute('nickname', { name: 'nick' }).expect(400);
      expect(standard.body.message).toEqual([expect.stringContaining('cannot be renamed')]);
      await patchAttribute('no_such_attribute', { name: 'whatever' }).expect(404);
      // The same name is no rename: the other changes apply.
      const same = await patchAttribute('color_a', { name: 'color_a', order: 4 }).expect(200);
      expect(same.body).toMatchObject({ name: 'color_a', order: 4, previousNames: [] });
    });

    it('refuses a new name that users hold values under without a definition; nothing moves', async () => {
      await define({ name: 'shade', type: 'string' }).expect(201);
      const member = await signUp(t.http);
      await patchUser(member.user.id, { customAttributes: { shade: 'teal' } }).expect(200);
      // A value written by hand (an import, an older schema) under a name no attribute defines.
      await sql(
        t.app,
        t.database.url.startsWith('sqlite')
          ? `update userkit_users set custom_attributes = json_set(custom_attributes, '$.hue', 'red') where id = ?`
          : `update userkit_users set custom_attributes = custom_attributes || '{"hue":"red"}'::jsonb where id = ?`,
        [member.user.id],
      );
      const refused = await patchAttribute('shade', { name: 'hue' }).expect(409);
      expect(refused.body).toMatchObject({ code: 'ATTRIBUTE_TAKEN' });
      expect(refused.body.message).toMatch(/1 user\(s\) hold a value under hue/);
      expect(await storedCustom(member.user.id)).toEqual({ shade: 'teal', hue: 'red' });
      const listed = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      expect(listed.body.custom.map((entry: { name: string }) => entry.name)).toContain('shade');
    });

    it('refuses while a token template reads the attribute by name, naming the template', async () => {
      await define({ name: 'crm_tier', type: 'string' }).expect(201);
      const refused = await patchAttribute('crm_tier', { name: 'crm_level' }).expect(409);
      expect(refused.body).toMatchObject({ code: 'ATTRIBUTE_REFERENCED' });
      expect(refused.body.message).toEqual([
        expect.stringContaining(
          "token template 'crm' (claim tier) reads customAttributes.crm_tier",
        ),
      ]);
      const still = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      expect(still.body.custom.map((entry: { name: string }) => entry.name)).toContain('crm_tier');
    });

    it('writes racing a rename land under the new name or are refused; none under the old', async () => {
      await define({ name: 'seat', type: 'string', access: editableByAll }).expect(201);
      const members = await Promise.all(Array.from({ length: 6 }, () => signUp(t.http)));
      const writes = members.map((member, index) =>
        t.http
          .patch('/me')
          .set(bearer(member.accessToken))
          .send({ customAttributes: { seat: `S${index}` } }),
      );
      const rename = patchAttribute('seat', { name: 'seat_number' });
      const [renamed, ...written] = await Promise.all([rename, ...writes]);
      expect(renamed.status).toBe(200);
      for (const [index, response] of written.entries()) {
        expect([200, 400]).toContain(response.status);
        const stored = await storedCustom(members[index].user.id);
        expect(stored).not.toHaveProperty('seat');
        if (response.status === 200) expect(stored).toEqual({ seat_number: `S${index}` });
        else {
          expect(response.body.code).toBe('ATTRIBUTE_INVALID');
          expect(stored).toEqual({});
        }
      }
      // Admin creations racing a rename: the same rule.
      await define({ name: 'desk', type: 'string' }).expect(201);
      const emails = Array.from({ length: 4 }, () => uniqueEmail('desk'));
      const [deskRenamed, ...created] = await Promise.all([
        patchAttribute('desk', { name: 'desk_number' }),
        ...emails.map((email) =>
          t.http
            .post('/admin/users')
            .set(asAdmin())
            .send({ email, customAttributes: { desk: 'D1' } }),
        ),
      ]);
      expect(deskRenamed.status).toBe(200);
      for (const response of created) {
        expect([201, 400]).toContain(response.status);
        if (response.status === 201)
          expect(await storedCustom(response.body.id)).toEqual({ desk_number: 'D1' });
      }
    });

    it('two renames at once: one wins, the other finds the name gone or the target taken', async () => {
      await define({ name: 'floor', type: 'integer' }).expect(201);
      const [first, second] = await Promise.all([
        patchAttribute('floor', { name: 'floor_a' }),
        patchAttribute('floor', { name: 'floor_b' }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 404]);
      await define({ name: 'wing_a', type: 'string' }).expect(201);
      await define({ name: 'wing_b', type: 'string' }).expect(201);
      const [one, other] = await Promise.all([
        patchAttribute('wing_a', { name: 'wing' }),
        patchAttribute('wing_b', { name: 'wing' }),
      ]);
      expect([one.status, other.status].sort()).toEqual([200, 409]);
      const listed = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      const names = listed.body.custom.map((entry: { name: string }) => entry.name);
      expect(names.filter((name: string) => name.startsWith('floor'))).toHaveLength(1);
      expect(names.filter((name: string) => name.startsWith('wing'))).toHaveLength(2);
    });
  });

  describe('labels', () => {
    it('default to the name in Title Case, may be set, and cleared back to the default', async () => {
      const created = await define({ name: 'my_string', type: 'string' }).expect(201);
      expect(created.body.label).toBe('My String');
      const labelled = await patchAttribute('my_string', { label: 'Favourite phrase' }).expect(200);
      expect(labelled.body.label).toBe('Favourite phrase');
      const cleared = await patchAttribute('my_string', { label: null }).expect(200);
      expect(cleared.body.label).toBe('My String');
      const withLabel = await define({
        name: 'shirt',
        type: 'string',
        label: 'T-shirt size',
      }).expect(201);
      expect(withLabel.body.label).toBe('T-shirt size');
      const listed = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      const companyId = listed.body.custom.find(
        (entry: { name: string }) => entry.name === 'companyId',
      );
      expect(companyId.label).toBe('Company Id');
      const byName = Object.fromEntries(
        listed.body.standard.map((entry: { name: string; label: string }) => [
          entry.name,
          entry.label,
        ]),
      );
      expect(byName).toMatchObject({
        given_name: 'Given Name',
        name: 'Name',
        zoneinfo: 'Zoneinfo',
      });
    });

    it('a standard attribute takes a label too; the end user’s schemas show the labels', async () => {
      const patched = await patchAttribute('birthdate', { label: 'Date of birth' }).expect(200);
      expect(patched.body).toMatchObject({ name: 'birthdate', label: 'Date of birth' });
      await define({ name: 'pet_name', type: 'string', access: editableByAll }).expect(201);
      const member = await signUp(t.http);
      const own = await t.http
        .get('/me/attribute-schema')
        .set(bearer(member.accessToken))
        .expect(200);
      expect(own.body.standard).toContainEqual({
        name: 'birthdate',
        label: 'Date of birth',
        kind: 'standard',
        access: 'editable',
      });
      expect(own.body.custom).toContainEqual(
        expect.objectContaining({ name: 'pet_name', label: 'Pet Name' }),
      );
      const forSignUp = await t.http.get('/auth/signup/attributes').expect(200);
      expect(forSignUp.body.custom).toContainEqual(
        expect.objectContaining({ name: 'pet_name', label: 'Pet Name', access: 'editable' }),
      );
      // Public: only what a sign-up form shows. Admin-only (my_string, companyId) and the
      // standard attributes the user may not edit stay out.
      const publicNames = [...forSignUp.body.custom, ...forSignUp.body.standard].map(
        (entry: { name: string }) => entry.name,
      );
      for (const hidden of [
        'my_string',
        'companyId',
        'crm_tier',
        'middle_name',
        'preferred_username',
      ])
        expect(publicNames).not.toContain(hidden);
      for (const entry of [...forSignUp.body.custom, ...forSignUp.body.standard])
        expect(entry.access).toBe('editable');
      await patchAttribute('birthdate', { label: null }).expect(200);
    });

    it.each([
      [''],
      ['   '],
      ['a\u0000b'],
      ['tab\there'],
      ['x'.repeat(101)],
      [5],
      [['x']],
      ['\ud800'],
    ])('refuses the label %p', async (label) => {
      const response = await patchAttribute('my_string', { label }).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('the full name (standard attribute name, /userinfo claim name)', () => {
    it('is the display name, else given + family; written as the display name', async () => {
      const member = await signUp(t.http, { firstName: 'Ada', lastName: 'Lovelace' });
      const info = await t.http.get('/userinfo').set(bearer(member.accessToken)).expect(200);
      expect(info.body.name).toBe('Ada Lovelace');
      const me = await t.http
        .patch('/me')
        .set(bearer(member.accessToken))
        .send({ standardAttributes: { name: 'Countess of Lovelace' } })
        .expect(200);
      expect(me.body.displayName).toBe('Countess of Lovelace');
      expect(me.body.standardAttributes.name).toBe('Countess of Lovelace');
      const after = await t.http.get('/userinfo').set(bearer(member.accessToken)).expect(200);
      expect(after.body.name).toBe('Countess of Lovelace');
      const both = await t.http
        .patch('/me')
        .set(bearer(member.accessToken))
        .send({ displayName: 'A', standardAttributes: { name: 'B' } })
        .expect(400);
      expect(both.body.code).toBe('ATTRIBUTE_INVALID');
      const anonymous = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
      const none = await t.http
        .get('/userinfo')
        .set(bearer(anonymous.body.accessToken))
        .expect(200);
      expect(none.body).not.toHaveProperty('name');
    });

    it('follows its access rights: hidden from the end user, the display name is null there', async () => {
      const member = await signUp(t.http, { displayName: 'Grace H.' });
      await patchAttribute('name', { access: { endUser: 'hidden', bearer: 'hidden' } }).expect(200);
      try {
        const me = await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
        expect(me.body.displayName).toBeNull();
        expect(me.body.standardAttributes).not.toHaveProperty('name');
        const info = await t.http.get('/userinfo').set(bearer(member.accessToken)).expect(200);
        expect(info.body).not.toHaveProperty('name');
        const refused = await t.http
          .patch('/me')
          .set(bearer(member.accessToken))
          .send({ displayName: 'Someone else' })
          .expect(403);
        expect(refused.body.code).toBe('ATTRIBUTE_FORBIDDEN');
        expect((await adminView(member.user.id)).body.displayName).toBe('Grace H.');
      } finally {
        await patchAttribute('name', { access: editableByAll }).expect(200);
      }
    });
  });

  describe('POST /admin/users with attributes, and the required rule', () => {
    it('creates the user with standard and custom attributes in one write', async () => {
      await define({ name: 'team', type: 'enum', validation: { enum: ['red', 'blue'] } }).expect(
        201,
      );
      const email = uniqueEmail('made');
      const heardBefore = updated.length;
      const created = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({
          email,
          customAttributes: { team: 'blue', companyId: 'ACME-1' },
          standardAttributes: { birthdate: '1990-04-01', name: 'Made By Admin', locale: 'en-gb' },
          firstName: 'Made',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        displayName: 'Made By Admin',
        firstName: 'Made',
        customAttributes: { team: 'blue', companyId: 'ACME-1' },
        standardAttributes: { birthdate: '1990-04-01', name: 'Made By Admin', locale: 'en-GB' },
      });
      expect(updated.slice(heardBefore)).toEqual([]);
      const signIn = await t.http.post('/auth/login').send({ email, password: GOOD_PASSWORD });
      expect(signIn.status).toBe(401);
    });

    it.each([
      [{ customAttributes: { team: 'green' } }, 400, 'customAttributes.team must be one of'],
      [{ customAttributes: { nope: 1 } }, 400, 'customAttributes.nope is not a defined attribute'],
      [{ standardAttributes: { birthdate: '2999-01-01' } }, 400, 'standardAttributes.birthdate'],
      [{ standardAttributes: { not_standard: 'x' } }, 400, 'is not a standard attribute'],
      [{ standardAttributes: { middle_name: 'x' } }, 403, 'standardAttributes.middle_name'],
      [
        { firstName: 'A', standardAttributes: { given_name: 'B' } },
        400,
        'are the same field: send one',
      ],
      [{ standardAttributes: { name: 7 } }, 400, 'standardAttributes.name'],
    ])('refuses %j and writes nothing', async (body, status, message) => {
      const email = uniqueEmail('refused');
      const response = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email, ...body })
        .expect(status);
      expect(JSON.stringify(response.body.message)).toContain(message);
      const found = await sql(
        t.app,
        'select count(*) as n from userkit_email_addresses where normalized_email = ?',
        [email.toLowerCase()],
      );
      expect(Number(found[0].n)).toBe(0);
    });

    it('refuses to turn required on while users lack a value, unless fillMissingWith fills them', async () => {
      const member = await signUp(t.http);
      const refusedCreate = await define({
        name: 'region',
        type: 'enum',
        validation: { enum: ['eu', 'us'], required: true },
      }).expect(409);
      expect(refusedCreate.body).toMatchObject({ code: 'ATTRIBUTE_VALUES_MISSING' });
      expect(refusedCreate.body.message).toMatch(/user\(s\) have no region: send fillMissingWith/);
      let listed = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      expect(listed.body.custom.map((entry: { name: string }) => entry.name)).not.toContain(
        'region',
      );

      await define({
        name: 'region',
        type: 'enum',
        validation: { enum: ['eu', 'us'], required: true },
        fillMissingWith: 'mars',
      }).expect(400);
      const heardBefore = updated.length;
      const created = await define({
        name: 'region',
        type: 'enum',
        validation: { enum: ['eu', 'us'], required: true },
        access: editableByAll,
        fillMissingWith: 'eu',
      }).expect(201);
      expect(created.body.validation).toEqual({ enum: ['eu', 'us'], required: true });
      expect(await storedCustom(member.user.id)).toMatchObject({ region: 'eu' });
      const [{ n: lacking }] = await sql<{ n: number | string }>(
        t.app,
        t.database.url.startsWith('sqlite')
          ? `select count(*) as n from userkit_users where json_type(custom_attributes, '$.region') is null`
          : `select count(*) as n from userkit_users where custom_attributes -> 'region' is null`,
      );
      expect(Number(lacking)).toBe(0);
      const filledEvents = updated.slice(heardBefore);
      expect(filledEvents.length).toBeGreaterThan(0);
      expect(filledEvents.some((event) => event.userId === member.user.id)).toBe(true);
      for (const event of filledEvents) expect(event.changes).toEqual(['customAttributes.region']);

      // PATCH turning it on: the same rule.
      await define({ name: 'floor_plan', type: 'string' }).expect(201);
      const refusedPatch = await patchAttribute('floor_plan', {
        validation: { required: true },
      }).expect(409);
      expect(refusedPatch.body.code).toBe('ATTRIBUTE_VALUES_MISSING');
      listed = await t.http.get('/admin/attributes').set(asAdmin()).expect(200);
      expect(
        listed.body.custom.find((entry: { name: string }) => entry.name === 'floor_plan')
          .validation,
      ).toEqual({});
      await patchAttribute('floor_plan', {
        validation: { required: true, maxLength: 3 },
        fillMissingWith: 'too long',
      }).expect(400);
      await patchAttribute('floor_plan', {
        validation: { required: true, maxLength: 3 },
        fillMissingWith: 'A1',
      }).expect(200);
      expect(await storedCustom(member.user.id)).toMatchObject({ floor_plan: 'A1' });
      // Already on: other changes need no fill.
      await patchAttribute('floor_plan', { validation: { required: true, maxLength: 5 } }).expect(
        200,
      );
    });

    it('sign-up and admin create must give a required attribute the party may edit; nobody clears it', async () => {
      // region (above) is required and editable by the end user and admins.
      const signUpSchema = await t.http.get('/auth/signup/attributes').expect(200);
      expect(signUpSchema.body.custom).toContainEqual(
        expect.objectContaining({
          name: 'region',
          validation: { enum: ['eu', 'us'], required: true },
        }),
      );
      const refused = await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail('req'), password: GOOD_PASSWORD });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'ATTRIBUTE_INVALID' });
      expect(refused.body.message).toContain('customAttributes.region is required');
      const member = await signUp(t.http, { customAttributes: { region: 'us' } });
      expect(await storedCustom(member.user.id)).toMatchObject({ region: 'us' });

      const adminRefused = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email: uniqueEmail('req'), customAttributes: { team: 'red' } })
        .expect(400);
      expect(adminRefused.body.message).toContain('customAttributes.region is required');

      const cleared = await t.http
        .patch('/me')
        .set(bearer(member.accessToken))
        .send({ customAttributes: { region: null } })
        .expect(400);
      expect(cleared.body.message).toEqual([
        'customAttributes.region is required: it cannot be cleared',
      ]);
      await patchUser(member.user.id, { customAttributes: { region: null } }).expect(400);
      await t.http
        .patch('/me')
        .set(bearer(member.accessToken))
        .send({ customAttributes: { region: 'eu' } })
        .expect(200);

      // A required attribute the end user may not edit is not asked at sign-up.
      await patchAttribute('region', { access: { endUser: 'readonly' } }).expect(200);
      const forSignUp = await t.http.get('/auth/signup/attributes').expect(200);
      expect(forSignUp.body.custom.map((entry: { name: string }) => entry.name)).not.toContain(
        'region',
      );
      await signUp(t.http);
      // Obsolete: required no more (floor_plan, above, is required too).
      await patchAttribute('region', { obsolete: true }).expect(200);
      await patchAttribute('floor_plan', { obsolete: true }).expect(200);
      await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email: uniqueEmail('req') })
        .expect(201);
    });

    it.each([[null], [{ a: 1 }], [['eu']], [true], [Number.NaN], ['x'.repeat(2000)]])(
      'refuses fillMissingWith %p without a 5xx',
      async (fillMissingWith) => {
        const response = await define({
          name: 'crafted_fill',
          type: 'string',
          validation: { required: true },
          fillMissingWith,
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      },
    );
  });
});
