import { EventEmitter2 } from '@nestjs/event-emitter';
import { OrmContext } from '@userkit/user';
import { OrganizationMembersService } from '@userkit/user/organizations';
import { sql } from '../support/database-access.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, signUp, type SignedUp } from '../support/users.js';

interface Membership {
  organization: { id: string; name: string; slug: string; createdAt: string; updatedAt: string };
  role: string;
  permissions: string[];
  joinedAt: string;
}

interface Member {
  userId: string;
  role: string;
  email: string | null;
}

let slugCounter = 0;
/** A slug no other test uses. */
function uniqueSlug(prefix = 'team'): string {
  slugCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${slugCounter}`;
}

describe('organizations: create, read, rename, delete; members, roles and the host routes', () => {
  let t: TestApp;
  const heard: Array<{ name: string; payload: Record<string, unknown> }> = [];
  const ORGANIZATION_EVENTS = [
    'organization.created',
    'organization.updated',
    'organization.deleted',
    'membership.created',
    'membership.updated',
    'membership.deleted',
  ];

  beforeAll(async () => {
    t = await startTestApp();
    const emitter = t.app.get(EventEmitter2);
    for (const name of ORGANIZATION_EVENTS)
      emitter.on(name, ({ context: _context, ...payload }: Record<string, unknown>) =>
        heard.push({ name, payload }),
      );
  });
  afterAll(async () => {
    await t.close();
  });

  async function createOrganization(
    owner: SignedUp,
    body: Record<string, unknown> = { name: 'Acme', slug: uniqueSlug() },
  ): Promise<Membership> {
    const response = await t.http
      .post('/organizations')
      .set(bearer(owner.accessToken))
      .send(body)
      .expect(201);
    return response.body;
  }

  /** The host's way to add a member without an invitation (OrganizationMembersService.add). */
  async function addMember(organizationId: string, user: SignedUp, role: string): Promise<void> {
    await t.app
      .get(OrmContext)
      .run(() => t.app.get(OrganizationMembersService).add(organizationId, user.user.id, role));
  }

  /** An organization with an owner and one member of each other role. */
  async function team(): Promise<{
    organization: Membership['organization'];
    owner: SignedUp;
    admin: SignedUp;
    editor: SignedUp;
    billing: SignedUp;
    member: SignedUp;
    outsider: SignedUp;
  }> {
    const [owner, admin, editor, billing, member, outsider] = await Promise.all(
      Array.from({ length: 6 }, () => signUp(t.http)),
    );
    const { organization } = await createOrganization(owner);
    await addMember(organization.id, admin, 'admin');
    await addMember(organization.id, editor, 'editor');
    await addMember(organization.id, billing, 'billing');
    await addMember(organization.id, member, 'member');
    return { organization, owner, admin, editor, billing, member, outsider };
  }

  describe('organizations', () => {
    it('POST /organizations: the creator is its owner; the slug is given, or made from the name', async () => {
      const owner = await signUp(t.http);
      const slug = uniqueSlug('acme');
      const mark = heard.length;
      const created = await createOrganization(owner, { name: '  Acme Inc.  ', slug });
      expect(created).toEqual({
        organization: {
          id: expect.any(String),
          name: 'Acme Inc.',
          slug,
          logoUrl: null,
          publicMetadata: {},
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
        role: 'owner',
        permissions: ['*'],
        joinedAt: expect.any(String),
      });
      expect(heard.slice(mark)).toEqual([
        {
          name: 'organization.created',
          payload: { organizationId: created.organization.id, slug },
        },
        {
          name: 'membership.created',
          payload: {
            organizationId: created.organization.id,
            userId: owner.user.id,
            role: 'owner',
          },
        },
      ]);

      const name = `Café Délice ${uniqueSlug()}`;
      const generated = await createOrganization(owner, { name });
      expect(generated.organization.slug).toBe(
        name
          .normalize('NFKD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-'),
      );
      // The same name again: its slug is taken, so a suffix makes another.
      const again = await createOrganization(owner, { name });
      expect(again.organization.slug).toMatch(
        new RegExp(`^${generated.organization.slug}-[a-f0-9]{6}$`),
      );
    });

    it('the audit log records the creation and the membership, the creator their actor', async () => {
      const owner = await signUp(t.http);
      const { organization } = await createOrganization(owner);
      const records = await sql<{ type: string; user_id: string | null; actor_id: string }>(
        t.app,
        "select type, user_id, actor_id from userkit_audit_log where actor_id = ? and type in ('organization.created', 'membership.created') order by created_at, type desc",
        [owner.user.id],
      );
      expect(records).toEqual([
        { type: 'organization.created', user_id: null, actor_id: owner.user.id },
        { type: 'membership.created', user_id: owner.user.id, actor_id: owner.user.id },
      ]);
      const details = await sql<{ details: unknown }>(
        t.app,
        "select details from userkit_audit_log where actor_id = ? and type = 'membership.created'",
        [owner.user.id],
      );
      const parsed =
        typeof details[0].details === 'string'
          ? JSON.parse(details[0].details)
          : details[0].details;
      expect(parsed).toEqual({ organizationId: organization.id, role: 'owner' });
    });

    it('a taken slug is 409 ORGANIZATION_SLUG_TAKEN; a bad name or slug 400', async () => {
      const owner = await signUp(t.http);
      const slug = uniqueSlug();
      await createOrganization(owner, { name: 'First', slug });
      const taken = await t.http
        .post('/organizations')
        .set(bearer(owner.accessToken))
        .send({ name: 'Second', slug })
        .expect(409);
      expect(taken.body.code).toBe('ORGANIZATION_SLUG_TAKEN');
      for (const body of [
        {},
        { name: '   ' },
        { name: 'x'.repeat(101) },
        { name: 42 },
        { name: 'Ok', slug: 'Has Capitals' },
        { name: 'Ok', slug: 'a' },
        { name: 'Ok', slug: 'double--hyphen' },
        { name: 'Ok', slug: '-leading' },
        { name: 'Ok', slug: 'x'.repeat(65) },
        { name: 'Ok', unknown: true },
      ]) {
        const refused = await t.http
          .post('/organizations')
          .set(bearer(owner.accessToken))
          .send(body)
          .expect(400);
        expect(refused.body.code).toBe('VALIDATION_FAILED');
      }
      await t.http.post('/organizations').send({ name: 'Nobody' }).expect(401);
    });

    it('GET /me/organizations: each organization with my role, in the order I joined', async () => {
      const owner = await signUp(t.http);
      const other = await signUp(t.http);
      const mine = await createOrganization(owner, { name: 'Mine', slug: uniqueSlug() });
      const theirs = await createOrganization(other, { name: 'Theirs', slug: uniqueSlug() });
      await addMember(theirs.organization.id, owner, 'billing');
      const listed = await t.http
        .get('/me/organizations')
        .set(bearer(owner.accessToken))
        .expect(200);
      expect(
        listed.body.map((entry: Membership) => [
          entry.organization.id,
          entry.role,
          entry.permissions,
        ]),
      ).toEqual([
        [mine.organization.id, 'owner', ['*']],
        [theirs.organization.id, 'billing', ['invoices:read']],
      ]);
      const fresh = await signUp(t.http);
      expect(
        (await t.http.get('/me/organizations').set(bearer(fresh.accessToken)).expect(200)).body,
      ).toEqual([]);
    });

    it('GET /organizations/:id: members see it with their role; anyone else gets 404, never 403', async () => {
      const { organization, admin, outsider } = await team();
      const seen = await t.http
        .get(`/organizations/${organization.id}`)
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(seen.body.role).toBe('admin');
      expect(seen.body.permissions).toEqual([
        'organization:update',
        'members:manage',
        'invitations:manage',
        'projects:write',
      ]);
      for (const id of [
        organization.id,
        '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69',
        'bad%20id',
        'x'.repeat(65),
      ]) {
        const hidden = await t.http
          .get(`/organizations/${id}`)
          .set(bearer(outsider.accessToken))
          .expect(404);
        expect(hidden.body.code).toBe('ORGANIZATION_NOT_FOUND');
      }
      // Every route of the organization answers an outsider the same way.
      const routes = [
        t.http.patch(`/organizations/${organization.id}`).send({ name: 'Mine now' }),
        t.http.delete(`/organizations/${organization.id}`),
        t.http.get(`/organizations/${organization.id}/members`),
        t.http
          .patch(`/organizations/${organization.id}/members/${admin.user.id}`)
          .send({ role: 'member' }),
        t.http.delete(`/organizations/${organization.id}/members/${admin.user.id}`),
      ];
      for (const route of routes) {
        const hidden = await route.set(bearer(outsider.accessToken)).expect(404);
        expect(hidden.body.code).toBe('ORGANIZATION_NOT_FOUND');
      }
    });

    it('PATCH /organizations/:id: an owner or admin renames it; a member may not; the slug stays unique', async () => {
      const { organization, owner, admin, member } = await team();
      const mark = heard.length;
      const slug = uniqueSlug('renamed');
      const renamed = await t.http
        .patch(`/organizations/${organization.id}`)
        .set(bearer(admin.accessToken))
        .send({ name: 'Renamed', slug })
        .expect(200);
      expect(renamed.body.organization).toMatchObject({
        id: organization.id,
        name: 'Renamed',
        slug,
      });
      expect(heard.slice(mark)).toEqual([
        {
          name: 'organization.updated',
          payload: { organizationId: organization.id, changes: ['name', 'slug'] },
        },
      ]);
      // The same values again: nothing changes, nothing is reported.
      await t.http
        .patch(`/organizations/${organization.id}`)
        .set(bearer(owner.accessToken))
        .send({ name: 'Renamed' })
        .expect(200);
      expect(heard.slice(mark)).toHaveLength(1);

      const denied = await t.http
        .patch(`/organizations/${organization.id}`)
        .set(bearer(member.accessToken))
        .send({ name: 'Mine' })
        .expect(403);
      expect(denied.body.code).toBe('ORGANIZATION_PERMISSION_DENIED');

      const other = await createOrganization(owner);
      const taken = await t.http
        .patch(`/organizations/${organization.id}`)
        .set(bearer(owner.accessToken))
        .send({ slug: other.organization.slug })
        .expect(409);
      expect(taken.body.code).toBe('ORGANIZATION_SLUG_TAKEN');
      // The refused change left nothing behind, and the organization still answers.
      const after = await t.http
        .get(`/organizations/${organization.id}`)
        .set(bearer(owner.accessToken))
        .expect(200);
      expect(after.body.organization.slug).toBe(slug);
      await t.http
        .patch(`/organizations/${organization.id}`)
        .set(bearer(owner.accessToken))
        .send({ slug: 'Not A Slug' })
        .expect(400);
    });

    it('DELETE /organizations/:id: the owner only; its memberships go with it', async () => {
      const { organization, owner, admin, member } = await team();
      for (const who of [admin, member]) {
        const denied = await t.http
          .delete(`/organizations/${organization.id}`)
          .set(bearer(who.accessToken))
          .expect(403);
        expect(denied.body.code).toBe('ORGANIZATION_PERMISSION_DENIED');
      }
      const mark = heard.length;
      await t.http
        .delete(`/organizations/${organization.id}`)
        .set(bearer(owner.accessToken))
        .expect(204);
      expect(heard.slice(mark)).toEqual([
        {
          name: 'organization.deleted',
          payload: { organizationId: organization.id, slug: organization.slug },
        },
      ]);
      for (const who of [owner, admin]) {
        await t.http
          .get(`/organizations/${organization.id}`)
          .set(bearer(who.accessToken))
          .expect(404);
      }
      expect(
        await sql(
          t.app,
          'select id from userkit_organization_memberships where organization_id = ?',
          [organization.id],
        ),
      ).toEqual([]);
    });
  });

  describe('members', () => {
    it('GET /organizations/:id/members: every member lists them, in pages by cursor', async () => {
      const { organization, owner, admin, editor, billing, member } = await team();
      const expected = [owner, admin, editor, billing, member].map((user) => user.user.id);
      const seen: Member[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: { body: { data: Member[]; nextCursor: string | null } } = await t.http
          .get(`/organizations/${organization.id}/members`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(member.accessToken))
          .expect(200);
        seen.push(...response.body.data);
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen.map((entry) => entry.userId)).toEqual(expected);
      expect(seen.map((entry) => entry.role)).toEqual([
        'owner',
        'admin',
        'editor',
        'billing',
        'member',
      ]);
      expect(seen[0].email).toBe(owner.email);

      for (const query of [
        { limit: 0 },
        { limit: 101 },
        { limit: 'many' },
        { cursor: 'not-a-cursor' },
      ]) {
        const refused = await t.http
          .get(`/organizations/${organization.id}/members`)
          .query(query)
          .set(bearer(member.accessToken))
          .expect(400);
        expect(['VALIDATION_FAILED', 'INVALID_CURSOR']).toContain(refused.body.code);
      }
    });

    it('GET …/members?search=: part of a name, username or address, any case; % and _ are plain', async () => {
      const { organization, owner, admin, member } = await team();
      await t.http
        .patch('/me')
        .set(bearer(admin.accessToken))
        .send({ firstName: 'Zephyrine', lastName: 'Ó Brien' })
        .expect(200);
      const search = async (term: string) =>
        (
          await t.http
            .get(`/organizations/${organization.id}/members`)
            .query({ search: term })
            .set(bearer(member.accessToken))
            .expect(200)
        ).body.data.map((entry: Member) => entry.userId);
      expect(await search('ZEPHYR')).toEqual([admin.user.id]);
      expect(await search(owner.email.split('@')[0].toUpperCase())).toEqual([owner.user.id]);
      expect(await search('%')).toEqual([]);
      expect(await search('_')).toEqual([]);
      expect(await search('  ')).toHaveLength(5);
      await t.http
        .get(`/organizations/${organization.id}/members`)
        .query({ search: 'x'.repeat(101) })
        .set(bearer(member.accessToken))
        .expect(400);
    });

    it('PATCH …/members/:userId: owner and admin change roles; only an owner makes or unmakes an owner', async () => {
      const { organization, owner, admin, editor, member } = await team();
      const path = (user: SignedUp) => `/organizations/${organization.id}/members/${user.user.id}`;
      const mark = heard.length;
      const changed = await t.http
        .patch(path(member))
        .set(bearer(admin.accessToken))
        .send({ role: 'editor' })
        .expect(200);
      expect(changed.body).toEqual({ userId: member.user.id, role: 'editor' });
      expect(heard.slice(mark)).toEqual([
        {
          name: 'membership.updated',
          payload: { organizationId: organization.id, userId: member.user.id, role: 'editor' },
        },
      ]);

      const cases: Array<[SignedUp, SignedUp, string, number, string | null]> = [
        [editor, member, 'member', 403, 'ORGANIZATION_PERMISSION_DENIED'],
        [admin, member, 'owner', 403, 'ORGANIZATION_PERMISSION_DENIED'],
        [admin, owner, 'member', 403, 'ORGANIZATION_PERMISSION_DENIED'],
        [admin, member, 'emperor', 400, 'ORGANIZATION_ROLE_NOT_FOUND'],
        [admin, member, 'Not A Role', 400, 'VALIDATION_FAILED'],
      ];
      for (const [actor, target, role, status, code] of cases) {
        const refused = await t.http
          .patch(path(target))
          .set(bearer(actor.accessToken))
          .send({ role })
          .expect(status);
        expect(refused.body.code).toBe(code);
      }
      const stranger = await signUp(t.http);
      const notMember = await t.http
        .patch(path(stranger))
        .set(bearer(owner.accessToken))
        .send({ role: 'admin' })
        .expect(404);
      expect(notMember.body.code).toBe('ORGANIZATION_MEMBER_NOT_FOUND');

      // The owner makes the admin an owner; then the new owner may demote the first.
      await t.http
        .patch(path(admin))
        .set(bearer(owner.accessToken))
        .send({ role: 'owner' })
        .expect(200);
      await t.http
        .patch(path(owner))
        .set(bearer(admin.accessToken))
        .send({ role: 'admin' })
        .expect(200);
      const now = await t.http
        .get(`/organizations/${organization.id}`)
        .set(bearer(owner.accessToken))
        .expect(200);
      expect(now.body.role).toBe('admin');
    });

    it('the last owner can neither be demoted nor leave: 409 ORGANIZATION_LAST_OWNER', async () => {
      const { organization, owner, admin } = await team();
      const path = (user: SignedUp) => `/organizations/${organization.id}/members/${user.user.id}`;
      const demoted = await t.http
        .patch(path(owner))
        .set(bearer(owner.accessToken))
        .send({ role: 'admin' })
        .expect(409);
      expect(demoted.body.code).toBe('ORGANIZATION_LAST_OWNER');
      const left = await t.http.delete(path(owner)).set(bearer(owner.accessToken)).expect(409);
      expect(left.body.code).toBe('ORGANIZATION_LAST_OWNER');

      // With a second owner, the first may go; the second is then the last.
      await t.http
        .patch(path(admin))
        .set(bearer(owner.accessToken))
        .send({ role: 'owner' })
        .expect(200);
      const mark = heard.length;
      await t.http.delete(path(owner)).set(bearer(owner.accessToken)).expect(204);
      expect(heard.slice(mark)).toEqual([
        {
          name: 'membership.deleted',
          payload: { organizationId: organization.id, userId: owner.user.id, role: 'owner' },
        },
      ]);
      await t.http
        .get(`/organizations/${organization.id}`)
        .set(bearer(owner.accessToken))
        .expect(404);
      const last = await t.http.delete(path(admin)).set(bearer(admin.accessToken)).expect(409);
      expect(last.body.code).toBe('ORGANIZATION_LAST_OWNER');
    });

    it('two owners demoting each other at once: one wins, an owner is left', async () => {
      const { organization, owner, admin } = await team();
      const path = (user: SignedUp) => `/organizations/${organization.id}/members/${user.user.id}`;
      await t.http
        .patch(path(admin))
        .set(bearer(owner.accessToken))
        .send({ role: 'owner' })
        .expect(200);
      const [first, second] = await Promise.all([
        t.http.patch(path(admin)).set(bearer(owner.accessToken)).send({ role: 'member' }),
        t.http.patch(path(owner)).set(bearer(admin.accessToken)).send({ role: 'member' }),
      ]);
      const statuses = [first.status, second.status].sort();
      // The loser is refused as the last owner, or (demoted first) as no longer an owner.
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const owners = await sql(
        t.app,
        'select user_id from userkit_organization_memberships where organization_id = ? and role = ?',
        [organization.id, 'owner'],
      );
      expect(owners).toHaveLength(1);
    });

    it('DELETE …/members/:userId: a member leaves; an admin removes members but not owners', async () => {
      const { organization, owner, admin, editor, member } = await team();
      const path = (user: SignedUp) => `/organizations/${organization.id}/members/${user.user.id}`;
      await t.http.delete(path(member)).set(bearer(member.accessToken)).expect(204);
      await t.http
        .get(`/organizations/${organization.id}`)
        .set(bearer(member.accessToken))
        .expect(404);
      const notAllowed = await t.http
        .delete(path(admin))
        .set(bearer(editor.accessToken))
        .expect(403);
      expect(notAllowed.body.code).toBe('ORGANIZATION_PERMISSION_DENIED');
      const ownerKept = await t.http.delete(path(owner)).set(bearer(admin.accessToken)).expect(403);
      expect(ownerKept.body.code).toBe('ORGANIZATION_PERMISSION_DENIED');
      await t.http.delete(path(editor)).set(bearer(admin.accessToken)).expect(204);
      const gone = await t.http.delete(path(editor)).set(bearer(admin.accessToken)).expect(404);
      expect(gone.body.code).toBe('ORGANIZATION_MEMBER_NOT_FOUND');
      // A removed member's next request to an organization route is refused at once.
      await t.http
        .get(`/organizations/${organization.id}/hello`)
        .set(bearer(editor.accessToken))
        .expect(404);
    });

    it('OrganizationMembersService.add: an existing member is 409 ORGANIZATION_ALREADY_MEMBER', async () => {
      const { organization, member } = await team();
      await expect(addMember(organization.id, member, 'admin')).rejects.toMatchObject({
        code: 'ORGANIZATION_ALREADY_MEMBER',
      });
      await expect(addMember(organization.id, member, 'emperor')).rejects.toMatchObject({
        code: 'ORGANIZATION_ROLE_NOT_FOUND',
      });
      await expect(
        addMember('01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69', member, 'member'),
      ).rejects.toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
    });
  });

  describe("every role against the library's organization routes", () => {
    it('a table: 2xx where the role allows it, 403 for a member without the permission, 404 for an outsider', async () => {
      const users = await team();
      const id = users.organization.id;
      let counter = 0;
      const routes: Record<string, (user: SignedUp) => ReturnType<TestApp['http']['get']>> = {
        'GET /organizations/:id': (user) =>
          t.http.get(`/organizations/${id}`).set(bearer(user.accessToken)),
        'PATCH /organizations/:id': (user) =>
          t.http
            .patch(`/organizations/${id}`)
            .set(bearer(user.accessToken))
            .send({ name: `Renamed ${(counter += 1)}` }),
        'GET …/members': (user) =>
          t.http.get(`/organizations/${id}/members`).set(bearer(user.accessToken)),
        'POST …/invitations': (user) =>
          t.http
            .post(`/organizations/${id}/invitations`)
            .set(bearer(user.accessToken))
            .send({ email: `table.${Date.now()}.${(counter += 1)}@example.com`, role: 'member' }),
        'GET …/invitations': (user) =>
          t.http.get(`/organizations/${id}/invitations`).set(bearer(user.accessToken)),
        'PUT /me/session/organization': (user) =>
          t.http
            .put('/me/session/organization')
            .set(bearer(user.accessToken))
            .send({ organizationId: id }),
      };
      const managers = {
        GET: 200,
        PATCH: 200,
        MEMBERS: 200,
        INVITE: 201,
        INVITATIONS: 200,
        ACTIVE: 200,
      };
      const plain = {
        GET: 200,
        PATCH: 403,
        MEMBERS: 200,
        INVITE: 403,
        INVITATIONS: 403,
        ACTIVE: 200,
      };
      const hidden = {
        GET: 404,
        PATCH: 404,
        MEMBERS: 404,
        INVITE: 404,
        INVITATIONS: 404,
        ACTIVE: 404,
      };
      const expected: Record<string, typeof managers> = {
        owner: managers,
        admin: managers,
        editor: plain,
        billing: plain,
        member: plain,
        outsider: hidden,
      };
      const columns = Object.keys(managers) as Array<keyof typeof managers>;
      for (const [who, statuses] of Object.entries(expected)) {
        const user = users[who as keyof typeof users] as SignedUp;
        const seen = [];
        for (const route of Object.values(routes)) seen.push((await route(user)).status);
        expect([who, ...seen]).toEqual([who, ...columns.map((column) => statuses[column])]);
      }
    });
  });

  describe('the active organization of a session: PUT /me/session/organization', () => {
    it('set per session, to an organization of yours; gone with the membership; null clears it', async () => {
      const { organization, owner, member, outsider } = await team();
      const none = { organizationId: null, slug: null, role: null, permissions: [] };
      expect(
        (await t.http.get('/me/session/organization').set(bearer(member.accessToken)).expect(200))
          .body,
      ).toEqual(none);
      const set = await t.http
        .put('/me/session/organization')
        .set(bearer(member.accessToken))
        .send({ organizationId: organization.id })
        .expect(200);
      const active = {
        organizationId: organization.id,
        slug: organization.slug,
        role: 'member',
        permissions: [],
      };
      expect(set.body).toEqual(active);
      expect(
        (await t.http.get('/me/session/organization').set(bearer(member.accessToken)).expect(200))
          .body,
      ).toEqual(active);
      // Another session of the same user has its own (none yet).
      const otherSession = await t.http
        .post('/auth/login')
        .send({ email: member.email, password: member.password })
        .expect(200);
      expect(
        (
          await t.http
            .get('/me/session/organization')
            .set(bearer(otherSession.body.accessToken))
            .expect(200)
        ).body,
      ).toEqual(none);

      const hidden = await t.http
        .put('/me/session/organization')
        .set(bearer(outsider.accessToken))
        .send({ organizationId: organization.id })
        .expect(404);
      expect(hidden.body.code).toBe('ORGANIZATION_NOT_FOUND');
      for (const body of [{}, { organizationId: 42 }, { organizationId: 'x'.repeat(65) }]) {
        const refused = await t.http
          .put('/me/session/organization')
          .set(bearer(member.accessToken))
          .send(body)
          .expect(400);
        expect(refused.body.code).toBe('VALIDATION_FAILED');
      }
      await t.http
        .put('/me/session/organization')
        .set(bearer(member.accessToken))
        .send({ organizationId: 'not an id' })
        .expect(404);

      // The owner sets it, clears it with null.
      await t.http
        .put('/me/session/organization')
        .set(bearer(owner.accessToken))
        .send({ organizationId: organization.id })
        .expect(200);
      expect(
        (
          await t.http
            .put('/me/session/organization')
            .set(bearer(owner.accessToken))
            .send({ organizationId: null })
            .expect(200)
        ).body,
      ).toEqual(none);

      // Removed from the organization: the session has no active organization any more.
      await t.http
        .delete(`/organizations/${organization.id}/members/${member.user.id}`)
        .set(bearer(owner.accessToken))
        .expect(204);
      expect(
        (await t.http.get('/me/session/organization').set(bearer(member.accessToken)).expect(200))
          .body,
      ).toEqual(none);
    });
  });

  describe("the host's routes: @OrgMember(), @OrgRoles('admin'), @OrgPermissions('projects:write')", () => {
    it('every role against every route (the sample: editor and admin hold projects:write)', async () => {
      const users = await team();
      const routes = {
        member: `/organizations/${users.organization.id}/hello`,
        admin: `/organizations/${users.organization.id}/hello/admin`,
        editor: `/organizations/${users.organization.id}/hello/editor`,
      };
      const expected: Record<string, Record<keyof typeof routes, number>> = {
        owner: { member: 200, admin: 200, editor: 200 },
        admin: { member: 200, admin: 200, editor: 200 },
        editor: { member: 200, admin: 403, editor: 200 },
        billing: { member: 200, admin: 403, editor: 403 },
        member: { member: 200, admin: 403, editor: 403 },
        outsider: { member: 404, admin: 404, editor: 404 },
      };
      for (const [who, statuses] of Object.entries(expected)) {
        const user = users[who as keyof typeof users] as SignedUp;
        for (const [route, status] of Object.entries(statuses)) {
          const response = await t.http
            .get(routes[route as keyof typeof routes])
            .set(bearer(user.accessToken));
          expect([who, route, response.status]).toEqual([who, route, status]);
          if (status === 200) {
            // @CurrentOrganization() handed the route the organization and the caller's role.
            expect(response.body).toMatchObject({
              organizationId: users.organization.id,
              role: who,
            });
          } else {
            expect(response.body.code).toBe(
              status === 404 ? 'ORGANIZATION_NOT_FOUND' : 'ORGANIZATION_PERMISSION_DENIED',
            );
          }
        }
      }
      await t.http.get(routes.member).expect(401);
      const unknown = await t.http
        .get('/organizations/01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69/hello')
        .set(bearer(users.owner.accessToken))
        .expect(404);
      expect(unknown.body.code).toBe('ORGANIZATION_NOT_FOUND');
    });
  });
});
