import { EventEmitter2 } from '@nestjs/event-emitter';
import { OrmContext } from '@userkit/user';
import { OrganizationMembersService } from '@userkit/user/organizations';
import { signInAdmin, ADMIN_ENV } from '../support/admin.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, signUp, type SignedUp } from '../support/users.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const WATCHED = ['organization.deleted', 'membership.deleted', 'user.deleted'];

describe('deleting a user never leaves an organization without an owner', () => {
  let t: TestApp;
  let admin: { accessToken: string };
  const heard: Array<{ name: string; payload: Record<string, unknown> }> = [];

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
    const emitter = t.app.get(EventEmitter2);
    for (const name of WATCHED)
      emitter.on(name, ({ context: _context, ...payload }: Record<string, unknown>) =>
        heard.push({ name, payload }),
      );
  });
  afterAll(async () => {
    await t.close();
  });

  async function createOrganization(owner: SignedUp, name: string) {
    const response = await t.http
      .post('/organizations')
      .set(bearer(owner.accessToken))
      .send({ name })
      .expect(201);
    return response.body.organization as { id: string; slug: string };
  }

  async function addMember(organizationId: string, user: SignedUp, role: string) {
    await t.app
      .get(OrmContext)
      .run(() => t.app.get(OrganizationMembersService).add(organizationId, user.user.id, role));
  }

  function eventsOf(userId: string, organizationIds: string[]) {
    return heard.filter(
      (event) =>
        event.payload.userId === userId ||
        organizationIds.includes(event.payload.organizationId as string),
    );
  }

  it('DELETE /me: refused for the last owner of an organization with members; allowed once another owns it', async () => {
    const owner = await signUp(t.http);
    const member = await signUp(t.http);
    const team = await createOrganization(owner, 'Self Deletion Team');
    await addMember(team.id, member, 'member');

    const refused = await t.http.delete('/me').set(bearer(owner.accessToken)).expect(409);
    expect(refused.body.code).toBe('ORGANIZATION_OWNER_REQUIRED');
    expect(refused.body.message).toContain(team.slug);
    // Nothing changed: the account, its session and the organization are all there.
    await t.http.get('/me').set(bearer(owner.accessToken)).expect(200);
    const members = await t.http
      .get(`/organizations/${team.id}/members`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect(members.body.data).toHaveLength(2);
    expect(eventsOf(owner.user.id, [team.id])).toEqual([]);

    await t.http
      .patch(`/organizations/${team.id}/members/${member.user.id}`)
      .set(bearer(owner.accessToken))
      .send({ role: 'owner' })
      .expect(200);
    await t.http.delete('/me').set(bearer(owner.accessToken)).expect(204);
    const left = await t.http
      .get(`/organizations/${team.id}/members`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect(left.body.data.map((entry: { userId: string }) => entry.userId)).toEqual([
      member.user.id,
    ]);
    expect(eventsOf(owner.user.id, [team.id])).toEqual([
      {
        name: 'membership.deleted',
        payload: { organizationId: team.id, userId: owner.user.id, role: 'owner' },
      },
      { name: 'user.deleted', payload: { userId: owner.user.id, cause: 'self' } },
    ]);
  });

  it('admin deletion: refused naming each such organization; then an organization where the user is alone goes with the user', async () => {
    const user = await signUp(t.http);
    const colleague = await signUp(t.http);
    const other = await signUp(t.http);
    const shared = await createOrganization(user, 'Shared Team');
    const alone = await createOrganization(user, 'Alone Team');
    const second = await createOrganization(user, 'Second Shared');
    const elsewhere = await createOrganization(other, 'Elsewhere');
    await addMember(shared.id, colleague, 'admin');
    await addMember(second.id, colleague, 'member');
    await addMember(elsewhere.id, user, 'member');
    const logo = await t.http
      .put(`/organizations/${alone.id}/logo`)
      .set(bearer(user.accessToken))
      .attach('file', PNG, { filename: 'logo.png', contentType: 'image/png' })
      .expect(200);
    const logoPath = new URL(logo.body.organization.logoUrl).pathname;

    const refused = await t.http
      .delete(`/admin/users/${user.user.id}`)
      .set(bearer(admin.accessToken))
      .expect(409);
    expect(refused.body.code).toBe('ORGANIZATION_OWNER_REQUIRED');
    expect(refused.body.message).toContain(shared.slug);
    expect(refused.body.message).toContain(second.slug);
    expect(refused.body.message).not.toContain(alone.slug);
    await t.http.get(`/admin/users/${user.user.id}`).set(bearer(admin.accessToken)).expect(200);
    await t.http.get(`/admin/organizations/${alone.id}`).set(bearer(admin.accessToken)).expect(200);

    // One organization handed over, the other deleted by its owner: now the user may go.
    await t.http
      .patch(`/organizations/${shared.id}/members/${colleague.user.id}`)
      .set(bearer(user.accessToken))
      .send({ role: 'owner' })
      .expect(200);
    await t.http.delete(`/organizations/${second.id}`).set(bearer(user.accessToken)).expect(204);
    const mark = heard.length;
    await t.http.delete(`/admin/users/${user.user.id}`).set(bearer(admin.accessToken)).expect(204);

    await t.http.get(`/admin/organizations/${alone.id}`).set(bearer(admin.accessToken)).expect(404);
    await t.http.get(logoPath).expect(404);
    for (const kept of [shared, elsewhere])
      await t.http
        .get(`/admin/organizations/${kept.id}`)
        .set(bearer(admin.accessToken))
        .expect(200);
    const sharedMembers = await t.http
      .get(`/admin/organizations/${shared.id}/members`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(sharedMembers.body.data.map((entry: { userId: string }) => entry.userId)).toEqual([
      colleague.user.id,
    ]);
    const events = heard.slice(mark);
    expect(events).toHaveLength(4);
    expect(events).toEqual(
      expect.arrayContaining([
        {
          name: 'membership.deleted',
          payload: { organizationId: shared.id, userId: user.user.id, role: 'owner' },
        },
        { name: 'organization.deleted', payload: { organizationId: alone.id, slug: alone.slug } },
        {
          name: 'membership.deleted',
          payload: { organizationId: elsewhere.id, userId: user.user.id, role: 'member' },
        },
      ]),
    );
    expect(events.at(-1)).toEqual({
      name: 'user.deleted',
      payload: { userId: user.user.id, cause: 'admin' },
    });
  });

  it('an organization with two owners keeps the other; a member-only user goes freely', async () => {
    const first = await signUp(t.http);
    const second = await signUp(t.http);
    const plain = await signUp(t.http);
    const team = await createOrganization(first, 'Two Owners');
    await addMember(team.id, second, 'owner');
    await addMember(team.id, plain, 'member');
    await t.http.delete('/me').set(bearer(plain.accessToken)).expect(204);
    await t.http.delete(`/admin/users/${first.user.id}`).set(bearer(admin.accessToken)).expect(204);
    const members = await t.http
      .get(`/organizations/${team.id}/members`)
      .set(bearer(second.accessToken))
      .expect(200);
    expect(members.body.data).toEqual([
      expect.objectContaining({ userId: second.user.id, role: 'owner' }),
    ]);
  });
});
