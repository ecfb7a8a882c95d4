// @userkit/client's active organization (orgId, orgRole) against the sample app, through fetch.
import {
  createUserKitClient,
  webStorage,
  type ActiveOrganization,
  type UserKitClient,
} from '@userkit/client';
import { OrmContext } from '@userkit/user';
import { OrganizationMembersService } from '@userkit/user/organizations';
import {
  MapWebStorage,
  rejectionOf,
  startListeningTestApp,
  type ListeningTestApp,
} from '../support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from '../support/users.js';

describe('@userkit/client: orgId and orgRole of the session', () => {
  let t: ListeningTestApp;

  beforeAll(async () => {
    t = await startListeningTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function signedIn(storage = new MapWebStorage()) {
    const client = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
    const email = uniqueEmail('client-active');
    const user = await client.signUp({ email, password: GOOD_PASSWORD });
    return { client, email, id: user.id, storage };
  }

  /** What `onChange` listeners saw of the organization, in order. */
  function heardOrganizations(client: UserKitClient): Array<string | null> {
    const heard: Array<string | null> = [];
    client.onChange(() => heard.push(client.orgId));
    return heard;
  }

  it('starts with none, follows setActiveOrganization, and tells the listeners', async () => {
    const owner = await signedIn();
    const first = (await owner.client.organizations.create({ name: 'Active One' })).organization;
    const second = (await owner.client.organizations.create({ name: 'Active Two' })).organization;
    expect(owner.client.orgId).toBeNull();
    expect(owner.client.orgRole).toBeNull();
    const heard = heardOrganizations(owner.client);

    const active: ActiveOrganization = await owner.client.setActiveOrganization(first.id);
    expect(active).toEqual({
      orgId: first.id,
      orgSlug: first.slug,
      orgRole: 'owner',
      orgPermissions: ['*'],
    });
    expect(owner.client.orgId).toBe(first.id);
    expect(owner.client.orgRole).toBe('owner');
    await owner.client.setActiveOrganization(second.id);
    expect(owner.client.activeOrganization.orgSlug).toBe(second.slug);
    expect(heard).toEqual([first.id, second.id]);

    // One you do not belong to: refused, and nothing changes here.
    const stranger = await signedIn();
    const theirs = (await stranger.client.organizations.create({ name: 'Not yours' })).organization;
    const refused = await rejectionOf(owner.client.setActiveOrganization(theirs.id));
    expect(refused).toMatchObject({ status: 404, code: 'ORGANIZATION_NOT_FOUND' });
    expect(owner.client.orgId).toBe(second.id);

    // The API agrees (the server's own view, not the client's copy).
    expect((await owner.client.organizations.getActive()).organizationId).toBe(second.id);

    // Deleting the active organization leaves none.
    await owner.client.organizations.delete(second.id);
    expect(owner.client.orgId).toBeNull();
    expect((await owner.client.loadActiveOrganization()).orgId).toBeNull();

    await owner.client.setActiveOrganization(null);
    expect(owner.client.activeOrganization).toEqual({
      orgId: null,
      orgSlug: null,
      orgRole: null,
      orgPermissions: [],
    });
  });

  it('a reload keeps the session and loads its organization; a new sign-in starts with none', async () => {
    const owner = await signedIn();
    const organization = (await owner.client.organizations.create({ name: 'Reloaded' }))
      .organization;
    await owner.client.setActiveOrganization(organization.id);

    // A page load: a new client on the same storage resumes the same session.
    const reloaded = createUserKitClient({
      baseUrl: t.baseUrl,
      storage: webStorage(owner.storage),
    });
    await reloaded.restore();
    expect(reloaded.orgId).toBeNull();
    expect(await reloaded.loadActiveOrganization()).toMatchObject({
      orgId: organization.id,
      orgRole: 'owner',
    });
    expect(reloaded.orgRole).toBe('owner');

    await reloaded.signOut();
    expect(reloaded.orgId).toBeNull();
    await reloaded.signIn({ email: owner.email, password: GOOD_PASSWORD });
    expect(reloaded.orgId).toBeNull();
    expect((await reloaded.loadActiveOrganization()).orgId).toBeNull();
  });

  it("a member's role; leaving the active organization clears it", async () => {
    const owner = await signedIn();
    const member = await signedIn();
    const organization = (await owner.client.organizations.create({ name: 'Members' }))
      .organization;
    await t.app
      .get(OrmContext)
      .run(() => t.app.get(OrganizationMembersService).add(organization.id, member.id, 'member'));
    await member.client.setActiveOrganization(organization.id);
    expect(member.client.orgRole).toBe('member');
    expect(member.client.activeOrganization.orgPermissions).toEqual([]);

    await member.client.organizations.removeMember(organization.id, member.id);
    expect(member.client.orgId).toBeNull();
    expect((await member.client.organizations.getActive()).organizationId).toBeNull();
  });
});
