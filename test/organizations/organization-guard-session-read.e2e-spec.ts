import { OrganizationMembersService } from '@userkit/user/organizations';
import { OrmContext } from '@userkit/user';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, signUp, type SignedUp } from '../support/users.js';

/**
 * The organization guard reads the membership with the session check (database mode: joined to
 * its one statement; stateless sessions: its own read). Either way nothing is kept between
 * requests: a removal or a role change applies to the very next request of the same token.
 */
describe.each([
  ['database', {}],
  ['stateless', { sessionValidation: 'stateless' as const, accessTokenTtlSeconds: 60 }],
])('organization routes, %s sessions', (_mode, overrides) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ overrides });
  });
  afterAll(async () => {
    await t.close();
  });

  const members = () => t.app.get(OrganizationMembersService);
  const inContext = <T>(work: () => Promise<T>) => t.app.get(OrmContext).run(work);

  async function organizationWithEditor(): Promise<{
    id: string;
    owner: SignedUp;
    editor: SignedUp;
  }> {
    const [owner, editor] = await Promise.all([signUp(t.http), signUp(t.http)]);
    const created = await t.http
      .post('/organizations')
      .set(bearer(owner.accessToken))
      .send({ name: 'Guarded' })
      .expect(201);
    const id: string = created.body.organization.id;
    await inContext(() => members().add(id, editor.user.id, 'editor'));
    return { id, owner, editor };
  }

  it('a member passes with their role; removed, the next request of the same token is 404', async () => {
    const { id, owner, editor } = await organizationWithEditor();
    const hello = await t.http
      .get(`/organizations/${id}/hello/editor`)
      .set(bearer(editor.accessToken))
      .expect(200);
    expect(hello.body).toMatchObject({ organizationId: id, role: 'editor' });
    await t.http
      .delete(`/organizations/${id}/members/${editor.user.id}`)
      .set(bearer(owner.accessToken))
      .expect(204);
    const refused = await t.http
      .get(`/organizations/${id}/hello`)
      .set(bearer(editor.accessToken))
      .expect(404);
    expect(refused.body.code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('a role change applies to the next request: an editor made member loses projects:write', async () => {
    const { id, owner, editor } = await organizationWithEditor();
    await t.http
      .get(`/organizations/${id}/hello/editor`)
      .set(bearer(editor.accessToken))
      .expect(200);
    await t.http
      .patch(`/organizations/${id}/members/${editor.user.id}`)
      .set(bearer(owner.accessToken))
      .send({ role: 'member' })
      .expect(200);
    const denied = await t.http
      .get(`/organizations/${id}/hello/editor`)
      .set(bearer(editor.accessToken))
      .expect(403);
    expect(denied.body.code).toBe('ORGANIZATION_PERMISSION_DENIED');
    const member = await t.http
      .get(`/organizations/${id}/hello`)
      .set(bearer(editor.accessToken))
      .expect(200);
    expect(member.body.role).toBe('member');
  });

  it('an outsider, an unknown organization and a malformed id are 404, never 403 or 5xx', async () => {
    const { id } = await organizationWithEditor();
    const outsider = await signUp(t.http);
    for (const path of [
      `/organizations/${id}/hello`,
      '/organizations/01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69/hello',
      `/organizations/${'x'.repeat(80)}/hello`,
      '/organizations/%E2%80%A8%00/hello',
    ]) {
      const response = await t.http.get(path).set(bearer(outsider.accessToken)).expect(404);
      expect(response.body.code).toBe('ORGANIZATION_NOT_FOUND');
    }
  });
});
