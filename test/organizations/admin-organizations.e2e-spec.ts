import { EventEmitter2 } from '@nestjs/event-emitter';
import { ADMIN_ENV, signInAdmin } from '../support/admin.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, signUp } from '../support/users.js';

interface OrganizationBody {
  id: string;
  name: string;
  slug: string;
}

describe('/admin/organizations: every organization, for the app admins', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  const heard: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
    const emitter = t.app.get(EventEmitter2);
    for (const name of ['organization.created', 'organization.deleted', 'admin.action'])
      emitter.on(name, () => heard.push(name));
  });
  afterAll(async () => {
    await t.close();
  });

  it('create for an owner, list newest first with search and cursor, members, delete', async () => {
    const owner = await signUp(t.http);
    const tag = Date.now().toString(36);
    const created: OrganizationBody[] = [];
    for (const name of [`Alpha ${tag}`, `Beta ${tag}`, `Gamma ${tag}`]) {
      const response = await t.http
        .post('/admin/organizations')
        .set(bearer(admin.accessToken))
        .send({ name, ownerId: owner.user.id })
        .expect(201);
      created.push(response.body);
    }
    const mine = await t.http.get('/me/organizations').set(bearer(owner.accessToken)).expect(200);
    expect(mine.body.map((entry: { role: string }) => entry.role)).toEqual([
      'owner',
      'owner',
      'owner',
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: OrganizationBody[]; nextCursor: string | null } } = await t.http
        .get('/admin/organizations')
        .query({ search: tag.toUpperCase(), limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(admin.accessToken))
        .expect(200);
      seen.push(...page.body.data.map((organization) => organization.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.map((organization) => organization.id).reverse());
    const beta = await t.http
      .get('/admin/organizations')
      .query({ search: `beta ${tag}` })
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(beta.body.data.map((organization: OrganizationBody) => organization.id)).toEqual([
      created[1].id,
    ]);
    expect(
      (
        await t.http
          .get('/admin/organizations')
          .query({ search: '%' })
          .set(bearer(admin.accessToken))
          .expect(200)
      ).body.data,
    ).toEqual([]);

    const members = await t.http
      .get(`/admin/organizations/${created[0].id}/members`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(members.body.data.map((member: { userId: string }) => member.userId)).toEqual([
      owner.user.id,
    ]);

    const mark = heard.length;
    await t.http
      .delete(`/admin/organizations/${created[0].id}`)
      .set(bearer(admin.accessToken))
      .expect(204);
    expect(heard.slice(mark)).toEqual(['organization.deleted', 'admin.action']);
    const gone = await t.http
      .delete(`/admin/organizations/${created[0].id}`)
      .set(bearer(admin.accessToken))
      .expect(404);
    expect(gone.body.code).toBe('ORGANIZATION_NOT_FOUND');
    await t.http
      .get(`/admin/organizations/${created[0].id}/members`)
      .set(bearer(admin.accessToken))
      .expect(404);
  });

  it('refuses bad input with 4xx codes, and anyone without the admin role', async () => {
    const unknownOwner = await t.http
      .post('/admin/organizations')
      .set(bearer(admin.accessToken))
      .send({ name: 'Nobody owns it', ownerId: '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69' })
      .expect(404);
    expect(unknownOwner.body.code).toBe('USER_NOT_FOUND');
    for (const body of [{ name: 'No owner' }, { name: ' ', ownerId: admin.id }]) {
      const refused = await t.http
        .post('/admin/organizations')
        .set(bearer(admin.accessToken))
        .send(body)
        .expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    for (const query of [{ limit: 0 }, { cursor: 'nope' }, { search: 'x'.repeat(101) }])
      await t.http
        .get('/admin/organizations')
        .query(query)
        .set(bearer(admin.accessToken))
        .expect(400);
    const member = await signUp(t.http);
    await t.http.get('/admin/organizations').set(bearer(member.accessToken)).expect(403);
    await t.http.get('/admin/organizations').expect(401);
  });
});
