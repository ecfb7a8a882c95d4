import { ADMIN_ENV, expectAdminOnly, signInAdmin } from './support/admin.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

describe('the admin users API', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  const asAdmin = () => bearer(admin.accessToken);

  describe('who may call it', () => {
    // Every row has a body (null for none): jest would take a missing third value for `done`.
    const routes: Array<[string, string, object | null]> = [
      ['get', '/admin/users', null],
      ['post', '/admin/users', { email: 'x@example.com' }],
      ['get', '/admin/users/some-id', null],
      ['patch', '/admin/users/some-id', { displayName: 'x' }],
      ['delete', '/admin/users/some-id', null],
      ['put', '/admin/users/some-id/roles', { roles: ['user'] }],
      ['get', '/admin/roles', null],
      ['post', '/admin/roles', { name: 'not-created' }],
    ];
    it.each(routes)('%s %s: 401 signed out, 403 as a user', async (method, path, body) => {
      await expectAdminOnly(t.http, method, path, body);
    });
  });

  describe('create, read, update, delete', () => {
    it('creates a user with roles and both metadata; the admin view shows privateMetadata and banned', async () => {
      const email = uniqueEmail('created');
      const created = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({
          email,
          password: GOOD_PASSWORD,
          displayName: 'Made',
          roles: ['user'],
          publicMetadata: { plan: 'pro' },
          privateMetadata: { note: 'vip' },
        })
        .expect(201);
      expect(created.body).toMatchObject({
        primaryEmail: email,
        displayName: 'Made',
        roles: ['user'],
        publicMetadata: { plan: 'pro' },
        privateMetadata: { note: 'vip' },
        banned: false,
      });
      const login = await t.http
        .post('/auth/login')
        .send({ email, password: GOOD_PASSWORD })
        .expect(200);
      expect(login.body.user.publicMetadata).toEqual({ plan: 'pro' });
      expect(login.body.user).not.toHaveProperty('privateMetadata');
      const fetched = await t.http
        .get(`/admin/users/${created.body.id}`)
        .set(asAdmin())
        .expect(200);
      expect(fetched.body.privateMetadata).toEqual({ note: 'vip' });
    });

    it('creates a user without a password, and answers 409 / 400 for a taken email, an unknown role or a weak password', async () => {
      const email = uniqueEmail('nopassword');
      await t.http.post('/admin/users').set(asAdmin()).send({ email }).expect(201);
      await t.http.post('/auth/login').send({ email, password: GOOD_PASSWORD }).expect(401);
      await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email: email.toUpperCase() })
        .expect(409);
      const unknownRole = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email: uniqueEmail(), roles: ['wizard'] })
        .expect(400);
      expect(unknownRole.body.message).toMatch(/wizard/);
      await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email: uniqueEmail(), password: 'password' })
        .expect(400);
      await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({ email: uniqueEmail(), banned: true })
        .expect(400);
    });

    it('patches names and metadata; 404 for an unknown id; 400 for unknown fields', async () => {
      const member = await signUp(t.http);
      const patched = await t.http
        .patch(`/admin/users/${member.user.id}`)
        .set(asAdmin())
        .send({
          displayName: 'Renamed',
          publicMetadata: { tier: 2 },
          privateMetadata: { flagged: false },
          unsafeMetadata: { theme: 'light' },
        })
        .expect(200);
      expect(patched.body).toMatchObject({
        displayName: 'Renamed',
        publicMetadata: { tier: 2 },
        privateMetadata: { flagged: false },
        unsafeMetadata: { theme: 'light' },
      });
      const me = await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
      expect(me.body).toMatchObject({ displayName: 'Renamed', publicMetadata: { tier: 2 } });
      expect(me.body).not.toHaveProperty('privateMetadata');
      await t.http
        .patch('/admin/users/01900000-0000-7000-8000-000000000000')
        .set(asAdmin())
        .send({ displayName: 'x' })
        .expect(404);
      await t.http.get('/admin/users/does-not-exist').set(asAdmin()).expect(404);
      await t.http
        .patch(`/admin/users/${member.user.id}`)
        .set(asAdmin())
        .send({ roles: ['admin'] })
        .expect(400);
      await t.http
        .patch(`/admin/users/${member.user.id}`)
        .set(asAdmin())
        .send({ privateMetadata: { constructor: {} } })
        .expect(400);
    });

    it('deletes a user: its sessions die at once and its identifiers go', async () => {
      const member = await signUp(t.http);
      await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
      await t.http.delete(`/admin/users/${member.user.id}`).set(asAdmin()).expect(204);
      await t.http.get('/me').set(bearer(member.accessToken)).expect(401);
      await t.http.post('/auth/refresh').send({ refreshToken: member.refreshToken }).expect(401);
      await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(404);
      await t.http.delete(`/admin/users/${member.user.id}`).set(asAdmin()).expect(404);
      // The email is free again.
      await t.http
        .post('/auth/signup')
        .send({ email: member.email, password: GOOD_PASSWORD })
        .expect(201);
    });
  });

  describe('roles', () => {
    it('replaces the set; the new roles apply on the next request with a token issued before', async () => {
      const member = await signUp(t.http);
      await t.http.get('/hello/admin').set(bearer(member.accessToken)).expect(403);
      const changed = await t.http
        .put(`/admin/users/${member.user.id}/roles`)
        .set(asAdmin())
        .send({ roles: ['user', 'admin'] })
        .expect(200);
      expect(changed.body.roles).toEqual(['admin', 'user']);
      await t.http.get('/hello/admin').set(bearer(member.accessToken)).expect(200);
      await t.http.get('/admin/users').set(bearer(member.accessToken)).expect(200);
      await t.http
        .put(`/admin/users/${member.user.id}/roles`)
        .set(asAdmin())
        .send({ roles: ['user'] })
        .expect(200);
      await t.http.get('/admin/users').set(bearer(member.accessToken)).expect(403);
    });

    it('answers 400 for an unknown role and a malformed body, 404 for an unknown user', async () => {
      const member = await signUp(t.http);
      const unknown = await t.http
        .put(`/admin/users/${member.user.id}/roles`)
        .set(asAdmin())
        .send({ roles: ['user', 'overlord'] })
        .expect(400);
      expect(unknown.body.message).toBe('Unknown role: overlord');
      await t.http
        .put(`/admin/users/${member.user.id}/roles`)
        .set(asAdmin())
        .send({ roles: 'admin' })
        .expect(400);
      await t.http.put(`/admin/users/${member.user.id}/roles`).set(asAdmin()).send({}).expect(400);
      await t.http
        .put('/admin/users/nobody/roles')
        .set(asAdmin())
        .send({ roles: ['user'] })
        .expect(404);
    });

    it('never removes the last admin: not by a role change, not by deletion', async () => {
      const lastAdmin = await t.http
        .put(`/admin/users/${admin.id}/roles`)
        .set(asAdmin())
        .send({ roles: ['user'] })
        .expect(400);
      expect(lastAdmin.body.message).toBe('The last admin cannot lose the admin role');
      await t.http.delete(`/admin/users/${admin.id}`).set(asAdmin()).expect(400);
      await t.http.get('/admin/users').set(asAdmin()).expect(200);
      // With a second admin, demotions race: at least one admin remains.
      const second = await signUp(t.http);
      await t.http
        .put(`/admin/users/${second.user.id}/roles`)
        .set(asAdmin())
        .send({ roles: ['admin'] })
        .expect(200);
      const secondLogin = await t.http
        .post('/auth/login')
        .send({ email: second.email, password: second.password })
        .expect(200);
      const results = await Promise.all([
        t.http
          .put(`/admin/users/${admin.id}/roles`)
          .set(asAdmin())
          .send({ roles: ['user'] }),
        t.http
          .put(`/admin/users/${second.user.id}/roles`)
          .set(bearer(secondLogin.body.accessToken))
          .send({ roles: ['user'] }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual([200, 400]);
      const survivor = results[0].status === 400 ? admin.accessToken : secondLogin.body.accessToken;
      const admins = await t.http.get('/admin/users?role=admin').set(bearer(survivor)).expect(200);
      expect(admins.body.data).toHaveLength(1);
      // Restore the original admin for the other tests.
      if (results[0].status === 200) {
        await t.http
          .put(`/admin/users/${admin.id}/roles`)
          .set(bearer(survivor))
          .send({ roles: ['admin'] })
          .expect(200);
      }
    });

    it('never gives admin to an anonymous user, and never counts one as the last admin', async () => {
      // The race above may leave a second admin: make this one the only real admin.
      const admins = await t.http.get('/admin/users?role=admin').set(asAdmin()).expect(200);
      for (const other of admins.body.data.filter((user: { id: string }) => user.id !== admin.id))
        await t.http
          .put(`/admin/users/${other.id}/roles`)
          .set(asAdmin())
          .send({ roles: ['user'] })
          .expect(200);
      const anonymous = await t.http.post('/auth/signup/anonymous').send({}).expect(201);
      const refused = await t.http
        .put(`/admin/users/${anonymous.body.user.id}/roles`)
        .set(asAdmin())
        .send({ roles: ['anonymous', 'admin'] })
        .expect(400);
      expect(refused.body.code).toBe('ANONYMOUS_ADMIN');
      const view = await t.http
        .get(`/admin/users/${anonymous.body.user.id}`)
        .set(asAdmin())
        .expect(200);
      expect(view.body.roles).toEqual(['anonymous']);
      // An anonymous admin left by older data does not make the real admin removable.
      await sql(t.app, 'insert into userkit_user_roles (user_id, role_name) values (?, ?)', [
        anonymous.body.user.id,
        'admin',
      ]);
      const deleteSelf = await t.http.delete(`/admin/users/${admin.id}`).set(asAdmin()).expect(400);
      expect(deleteSelf.body.code).toBe('LAST_ADMIN');
      const demoteSelf = await t.http
        .put(`/admin/users/${admin.id}/roles`)
        .set(asAdmin())
        .send({ roles: ['user'] })
        .expect(400);
      expect(demoteSelf.body.code).toBe('LAST_ADMIN');
      await t.http.get('/admin/users').set(asAdmin()).expect(200);
      await t.http.delete(`/admin/users/${anonymous.body.user.id}`).set(asAdmin()).expect(204);
    });

    it('lists the built-in roles and creates new ones', async () => {
      const roles = await t.http.get('/admin/roles').set(asAdmin()).expect(200);
      expect(roles.body.map((role: { name: string }) => role.name)).toEqual(
        expect.arrayContaining(['admin', 'user', 'anonymous']),
      );
      const created = await t.http
        .post('/admin/roles')
        .set(asAdmin())
        .send({ name: 'editor', description: 'Edits things' })
        .expect(201);
      expect(created.body).toEqual({ name: 'editor', description: 'Edits things', builtIn: false });
      await t.http.post('/admin/roles').set(asAdmin()).send({ name: 'editor' }).expect(409);
      for (const name of ['Editor', '1st', 'has space', '', 'x'.repeat(64)]) {
        await t.http.post('/admin/roles').set(asAdmin()).send({ name }).expect(400);
      }
      const member = await signUp(t.http);
      const assigned = await t.http
        .put(`/admin/users/${member.user.id}/roles`)
        .set(asAdmin())
        .send({ roles: ['editor'] })
        .expect(200);
      expect(assigned.body.roles).toEqual(['editor']);
    });
  });
});
