import { setTimeout as delay } from 'node:timers/promises';
import { ADMIN_ENV, expectAdminOnly, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

/** A role the host declares in the module options: re-created at start, so never deletable. */
const DECLARED = { name: 'auditor', description: 'Reads the audit log' };

describe('editing and deleting roles', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, overrides: { roles: [DECLARED] } });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  const asAdmin = () => bearer(admin.accessToken);
  const createRole = (name: string, description?: string) =>
    t.http
      .post('/admin/roles')
      .set(asAdmin())
      .send({ name, ...(description === undefined ? {} : { description }) })
      .expect(201);
  const listRoles = async (): Promise<Array<{ name: string; description: string | null }>> =>
    (await t.http.get('/admin/roles').set(asAdmin()).expect(200)).body;
  const setRoles = (userId: string, roles: string[]) =>
    t.http.put(`/admin/users/${userId}/roles`).set(asAdmin()).send({ roles });

  describe('who may call it', () => {
    const routes: Array<[string, string, object | null]> = [
      ['patch', '/admin/roles/user', { description: 'x' }],
      ['delete', '/admin/roles/user', null],
    ];
    it.each(routes)('%s %s: 401 signed out, 403 as a user', async (method, path, body) => {
      await expectAdminOnly(t.http, method, path, body);
      // Neither refusal changed anything.
      expect((await listRoles()).find((role) => role.name === 'user')).toMatchObject({
        description: 'A signed-up user',
      });
    });
  });

  describe('PATCH /admin/roles/:name', () => {
    it('sets and clears the description; the list shows it', async () => {
      await createRole('writer', 'Writes');
      const patched = await t.http
        .patch('/admin/roles/writer')
        .set(asAdmin())
        .send({ description: 'Writes and edits articles' })
        .expect(200);
      expect(patched.body).toEqual({
        name: 'writer',
        description: 'Writes and edits articles',
        builtIn: false,
      });
      expect((await listRoles()).find((role) => role.name === 'writer')).toMatchObject({
        description: 'Writes and edits articles',
      });
      const cleared = await t.http
        .patch('/admin/roles/writer')
        .set(asAdmin())
        .send({ description: null })
        .expect(200);
      expect(cleared.body).toEqual({ name: 'writer', description: null, builtIn: false });
      expect((await listRoles()).find((role) => role.name === 'writer')).toMatchObject({
        description: null,
      });
    });

    it('edits a built-in role description too (it is declared only when missing)', async () => {
      const patched = await t.http
        .patch('/admin/roles/anonymous')
        .set(asAdmin())
        .send({ description: 'A guest' })
        .expect(200);
      expect(patched.body).toEqual({ name: 'anonymous', description: 'A guest', builtIn: true });
    });

    it('404 for an unknown role', async () => {
      const response = await t.http
        .patch('/admin/roles/no-such-role')
        .set(asAdmin())
        .send({ description: 'x' })
        .expect(404);
      expect(response.body).toMatchObject({
        statusCode: 404,
        code: 'ROLE_DOES_NOT_EXIST',
        message: 'Role not found',
      });
    });

    it('400 for an unknown field, a missing, non-string or too long description', async () => {
      await createRole('patch-target', 'Before');
      const unknown = await t.http
        .patch('/admin/roles/patch-target')
        .set(asAdmin())
        .send({ description: 'x', name: 'renamed' })
        .expect(400);
      expect(JSON.stringify(unknown.body.message)).toContain('property name should not exist');
      for (const body of [{}, { description: 5 }, { description: 'x'.repeat(501) }]) {
        const response = await t.http
          .patch('/admin/roles/patch-target')
          .set(asAdmin())
          .send(body)
          .expect(400);
        expect(JSON.stringify(response.body.message)).toContain('description must be a string');
      }
      await t.http
        .patch('/admin/roles/patch-target')
        .set(asAdmin())
        .send({ description: 'x'.repeat(500) })
        .expect(200);
      expect((await listRoles()).find((role) => role.name === 'patch-target')).toMatchObject({
        description: 'x'.repeat(500),
      });
    });
  });

  describe('DELETE /admin/roles/:name', () => {
    it('deletes a role nobody holds: gone from the list, and no longer assignable', async () => {
      await createRole('temporary', 'For a while');
      const member = await signUp(t.http);
      await t.http.delete('/admin/roles/temporary').set(asAdmin()).expect(204);
      expect((await listRoles()).map((role) => role.name)).not.toContain('temporary');
      const assigned = await setRoles(member.user.id, ['user', 'temporary']).expect(400);
      expect(assigned.body).toMatchObject({ code: 'ROLE_NOT_FOUND' });
      expect(JSON.stringify(assigned.body.message)).toContain('temporary');
      // Gone for good: a second delete and an edit are 404s.
      await t.http.delete('/admin/roles/temporary').set(asAdmin()).expect(404);
      await t.http
        .patch('/admin/roles/temporary')
        .set(asAdmin())
        .send({ description: 'x' })
        .expect(404);
    });

    it('404 for an unknown role', async () => {
      const response = await t.http.delete('/admin/roles/never-made').set(asAdmin()).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'ROLE_DOES_NOT_EXIST' });
    });

    it.each(['admin', 'user', 'anonymous', DECLARED.name])(
      '409 for %s, built in or declared in the options (re-created at every start)',
      async (name) => {
        const response = await t.http.delete(`/admin/roles/${name}`).set(asAdmin()).expect(409);
        expect(response.body).toMatchObject({
          statusCode: 409,
          error: 'Conflict',
          code: 'ROLE_DECLARED',
        });
        expect(response.body.message).toContain(`'${name}'`);
        const role = (await listRoles()).find((listed) => listed.name === name);
        expect(role).toMatchObject({ builtIn: true });
      },
    );

    it('409 naming how many users hold it; nothing taken from them; 204 once it is free', async () => {
      await createRole('editor', 'Edits');
      const [first, second] = [await signUp(t.http), await signUp(t.http)];
      await setRoles(first.user.id, ['user', 'editor']).expect(200);
      await setRoles(second.user.id, ['editor']).expect(200);
      const two = await t.http.delete('/admin/roles/editor').set(asAdmin()).expect(409);
      expect(two.body).toMatchObject({
        statusCode: 409,
        code: 'ROLE_IN_USE',
        message: "2 users hold role 'editor': remove it from them first",
      });
      const kept = await t.http.get(`/admin/users/${first.user.id}`).set(asAdmin()).expect(200);
      expect(kept.body.roles).toEqual(expect.arrayContaining(['user', 'editor']));
      await setRoles(second.user.id, ['user']).expect(200);
      const one = await t.http.delete('/admin/roles/editor').set(asAdmin()).expect(409);
      expect(one.body.message).toBe("1 user holds role 'editor': remove it from them first");
      await setRoles(first.user.id, ['user']).expect(200);
      await t.http.delete('/admin/roles/editor').set(asAdmin()).expect(204);
      expect((await listRoles()).map((role) => role.name)).not.toContain('editor');
    });
  });

  it('documents both routes in the OpenAPI document, with builtIn on the role', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const route = document.paths['/admin/roles/{name}'];
    expect(Object.keys(route.patch.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(route.delete.responses)).toEqual(
      expect.arrayContaining(['204', '404', '409']),
    );
    expect(document.components.schemas.UpdateRoleDto.properties).toHaveProperty('description');
    expect(document.components.schemas.RoleResponse.properties).toHaveProperty('builtIn');
  });

  describe('deleting while assigning', () => {
    it('never leaves a user with a deleted role, never takes one away, never answers 500', async () => {
      const member = await signUp(t.http);
      const outcomes = { deleted: 0, refused: 0 };
      for (let round = 0; round < 20; round++) {
        const name = `racing-${round}`;
        await createRole(name);
        await setRoles(member.user.id, ['user']).expect(200);
        // The deletion starts 0 to 57 ms after the assignment, so that over the rounds each wins
        // some and some overlap inside the database.
        const [assignment, deletion] = await Promise.all([
          setRoles(member.user.id, ['user', name]),
          delay(round * 3).then(() => t.http.delete(`/admin/roles/${name}`).set(asAdmin())),
        ]);
        const user = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
        const roleNames = (await listRoles()).map((role) => role.name);
        // Both answers side by side, so that a failure (a 500 above all) shows what happened.
        expect({
          round,
          assignment: assignment.status,
          deletion: deletion.status,
          ok: [200, 400].includes(assignment.status) && [204, 409].includes(deletion.status),
        }).toEqual({
          round,
          assignment: assignment.status,
          deletion: deletion.status,
          ok: true,
        });
        if (deletion.status === 204) {
          // Deleted: nobody holds it, and the assignment did not succeed (it came too late).
          outcomes.deleted++;
          expect(roleNames).not.toContain(name);
          expect(user.body.roles).not.toContain(name);
          expect(assignment.status).toBe(400);
          expect(assignment.body).toMatchObject({ code: 'ROLE_NOT_FOUND' });
        } else {
          // Refused: the role stays, and the user holds it (the assignment came first).
          outcomes.refused++;
          expect(deletion.body).toMatchObject({ code: 'ROLE_IN_USE' });
          expect(roleNames).toContain(name);
          expect(assignment.status).toBe(200);
          expect(user.body.roles).toContain(name);
        }
      }
      expect(outcomes.deleted + outcomes.refused).toBe(20);
    });
  });
});
