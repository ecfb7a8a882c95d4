import { EventEmitter2 } from '@nestjs/event-emitter';
import { OrmContext, UserModule } from '@userkit/user';
import { OrganizationMembersService, UserOrganizationsModule } from '@userkit/user/organizations';
import { signInAdmin, ADMIN_ENV } from '../support/admin.js';
import { startBareHost } from '../support/bare-host.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { bearer, signUp, type SignedUp } from '../support/users.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64');

/** The path of a logo URL (the app answers under PUBLIC_URL, the test speaks to the server). */
function pathOf(url: string): string {
  return new URL(url).pathname;
}

describe('organization logos (FileStorage) and public / private metadata', () => {
  let t: TestApp;
  let admin: { accessToken: string };
  const updates: Array<{ organizationId: string; changes: string[] }> = [];

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
    t.app
      .get(EventEmitter2)
      .on('organization.updated', ({ organizationId, changes }: Record<string, any>) =>
        updates.push({ organizationId, changes }),
      );
  });
  afterAll(async () => {
    await t.close();
  });

  async function team(): Promise<{
    id: string;
    owner: SignedUp;
    member: SignedUp;
    outsider: SignedUp;
  }> {
    const owner = await signUp(t.http);
    const member = await signUp(t.http);
    const outsider = await signUp(t.http);
    const created = await t.http
      .post('/organizations')
      .set(bearer(owner.accessToken))
      .send({ name: 'Logo team' })
      .expect(201);
    const id = created.body.organization.id as string;
    expect(created.body.organization).toMatchObject({ logoUrl: null, publicMetadata: {} });
    expect(created.body.organization).not.toHaveProperty('privateMetadata');
    await t.app
      .get(OrmContext)
      .run(() => t.app.get(OrganizationMembersService).add(id, member.user.id, 'member'));
    return { id, owner, member, outsider };
  }

  function upload(id: string, user: SignedUp, bytes: Buffer, field = 'file') {
    return t.http
      .put(`/organizations/${id}/logo`)
      .set(bearer(user.accessToken))
      .attach(field, bytes, { filename: 'logo.png', contentType: 'image/png' });
  }

  it('an owner uploads, replaces and removes the logo; each file is served, then gone', async () => {
    const { id, owner, member } = await team();
    const first = await upload(id, owner, PNG).expect(200);
    const firstUrl = first.body.organization.logoUrl as string;
    expect(firstUrl).toMatch(/\/organization-logos\/[0-9a-f-]+\.png$/);
    expect(first.body.role).toBe('owner');
    const served = await t.http.get(pathOf(firstUrl)).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
    expect(served.headers['content-security-policy']).toContain('sandbox');

    // Every member sees it.
    const seen = await t.http
      .get(`/organizations/${id}`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect(seen.body.organization.logoUrl).toBe(firstUrl);

    const second = await upload(id, owner, GIF).expect(200);
    const secondUrl = second.body.organization.logoUrl as string;
    expect(secondUrl).toMatch(/\.gif$/);
    await t.http.get(pathOf(secondUrl)).expect(200);
    await t.http.get(pathOf(firstUrl)).expect(404);

    const removed = await t.http
      .delete(`/organizations/${id}/logo`)
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(removed.body.organization.logoUrl).toBeNull();
    const missing = await t.http.get(pathOf(secondUrl)).expect(404);
    expect(missing.body.code).toBe('ORGANIZATION_LOGO_NOT_FOUND');
    // Again: nothing to remove, nothing changes.
    await t.http.delete(`/organizations/${id}/logo`).set(bearer(owner.accessToken)).expect(200);
    expect(updates.filter((update) => update.organizationId === id)).toEqual([
      { organizationId: id, changes: ['logo'] },
      { organizationId: id, changes: ['logo'] },
      { organizationId: id, changes: ['logo'] },
    ]);
  });

  it('refuses a member without organization:update, an outsider, and a file that is not an image', async () => {
    const { id, owner, member, outsider } = await team();
    expect((await upload(id, member, PNG).expect(403)).body.code).toBe(
      'ORGANIZATION_PERMISSION_DENIED',
    );
    await t.http.delete(`/organizations/${id}/logo`).set(bearer(member.accessToken)).expect(403);
    expect((await upload(id, outsider, PNG).expect(404)).body.code).toBe('ORGANIZATION_NOT_FOUND');
    expect((await upload('no-such-organization', owner, PNG).expect(404)).body.code).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    const script = Buffer.from('<script>alert(1)</script>');
    expect((await upload(id, owner, script).expect(400)).body.code).toBe(
      'ORGANIZATION_LOGO_UNSUPPORTED',
    );
    expect((await upload(id, owner, PNG, 'picture').expect(400)).body.code).toBe(
      'ORGANIZATION_LOGO_MISSING',
    );
    const empty = await t.http
      .put(`/organizations/${id}/logo`)
      .set(bearer(owner.accessToken))
      .field('note', 'no file')
      .expect(400);
    expect(empty.body.code).toBe('ORGANIZATION_LOGO_MISSING');
    const tooBig = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    await upload(id, owner, tooBig).expect(413);
    await t.http.get('/organization-logos/not-an-id.png').expect(404);
  });

  it("deleting the organization deletes its logo's file", async () => {
    const { id, owner } = await team();
    const url = (await upload(id, owner, PNG).expect(200)).body.organization.logoUrl as string;
    await t.http.delete(`/organizations/${id}`).set(bearer(owner.accessToken)).expect(204);
    await t.http.get(pathOf(url)).expect(404);
  });

  it('admins write both metadata objects; members read only the public one and cannot write it', async () => {
    const { id, owner, member } = await team();
    const patched = await t.http
      .patch(`/admin/organizations/${id}`)
      .set(bearer(admin.accessToken))
      .send({ publicMetadata: { plan: 'team', seats: 5 }, privateMetadata: { crmId: 'A-1' } })
      .expect(200);
    expect(patched.body).toMatchObject({
      id,
      publicMetadata: { plan: 'team', seats: 5 },
      privateMetadata: { crmId: 'A-1' },
    });
    expect(updates.filter((update) => update.organizationId === id)).toEqual([
      { organizationId: id, changes: ['publicMetadata', 'privateMetadata'] },
    ]);

    for (const user of [owner, member]) {
      const seen = await t.http
        .get(`/organizations/${id}`)
        .set(bearer(user.accessToken))
        .expect(200);
      expect(seen.body.organization.publicMetadata).toEqual({ plan: 'team', seats: 5 });
      expect(seen.body.organization).not.toHaveProperty('privateMetadata');
      const mine = await t.http.get('/me/organizations').set(bearer(user.accessToken)).expect(200);
      expect(mine.body[0].organization).not.toHaveProperty('privateMetadata');
    }
    // Not through the members' route, whatever the role.
    for (const field of ['publicMetadata', 'privateMetadata'])
      await t.http
        .patch(`/organizations/${id}`)
        .set(bearer(owner.accessToken))
        .send({ [field]: { plan: 'enterprise' } })
        .expect(400);

    // Replaced whole; the admin's read and list show both.
    await t.http
      .patch(`/admin/organizations/${id}`)
      .set(bearer(admin.accessToken))
      .send({ publicMetadata: { plan: 'free' }, name: 'Renamed team' })
      .expect(200);
    const read = await t.http
      .get(`/admin/organizations/${id}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(read.body).toMatchObject({
      name: 'Renamed team',
      publicMetadata: { plan: 'free' },
      privateMetadata: { crmId: 'A-1' },
    });
    const listed = await t.http
      .get('/admin/organizations')
      .query({ search: 'renamed team' })
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(listed.body.data.find((entry: { id: string }) => entry.id === id)).toMatchObject({
      privateMetadata: { crmId: 'A-1' },
    });

    // The same values again: no event.
    const before = updates.length;
    await t.http
      .patch(`/admin/organizations/${id}`)
      .set(bearer(admin.accessToken))
      .send({ publicMetadata: { plan: 'free' } })
      .expect(200);
    expect(updates).toHaveLength(before);
  });

  it('the admin routes refuse bad metadata, unknown organizations, taken slugs and non-admins', async () => {
    const { id, owner } = await team();
    const other = await team();
    const otherSlug = (
      await t.http
        .get(`/admin/organizations/${other.id}`)
        .set(bearer(admin.accessToken))
        .expect(200)
    ).body.slug;
    for (const body of [
      { publicMetadata: ['not', 'an', 'object'] },
      { privateMetadata: 'text' },
      { publicMetadata: { big: 'x'.repeat(9000) } },
      { unsafeMetadata: {} },
    ])
      await t.http
        .patch(`/admin/organizations/${id}`)
        .set(bearer(admin.accessToken))
        .send(body)
        .expect(400);
    const taken = await t.http
      .patch(`/admin/organizations/${id}`)
      .set(bearer(admin.accessToken))
      .send({ slug: otherSlug })
      .expect(409);
    expect(taken.body.code).toBe('ORGANIZATION_SLUG_TAKEN');
    for (const missing of ['01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69', 'not-an-id']) {
      await t.http
        .get(`/admin/organizations/${missing}`)
        .set(bearer(admin.accessToken))
        .expect(404);
      await t.http
        .patch(`/admin/organizations/${missing}`)
        .set(bearer(admin.accessToken))
        .send({ name: 'x' })
        .expect(404);
    }
    await t.http.get(`/admin/organizations/${id}`).set(bearer(owner.accessToken)).expect(403);
    await t.http
      .patch(`/admin/organizations/${id}`)
      .set(bearer(owner.accessToken))
      .send({ publicMetadata: {} })
      .expect(403);
  });
});

describe('organization logos without a FileStorage', () => {
  it('answer 404 ORGANIZATION_LOGOS_DISABLED; the rest of the module works', async () => {
    const host = await startBareHost({
      userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, rateLimits: false }),
      imports: [UserOrganizationsModule.forRoot({})],
    });
    try {
      const owner = await signUp(host.http);
      const created = await host.http
        .post('/organizations')
        .set(bearer(owner.accessToken))
        .send({ name: 'No files' })
        .expect(201);
      const id = created.body.organization.id;
      const refused = await host.http
        .put(`/organizations/${id}/logo`)
        .set(bearer(owner.accessToken))
        .attach('file', PNG, { filename: 'logo.png', contentType: 'image/png' })
        .expect(404);
      expect(refused.body.code).toBe('ORGANIZATION_LOGOS_DISABLED');
      await host.http
        .delete(`/organizations/${id}/logo`)
        .set(bearer(owner.accessToken))
        .expect(404);
      await host.http
        .get('/organization-logos/01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69.png')
        .expect(404);
    } finally {
      await host.close();
    }
  });
});
