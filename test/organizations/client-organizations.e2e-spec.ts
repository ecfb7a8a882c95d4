// @userkit/client's `organizations` against the sample app, through real HTTP (fetch).
import { createUserKitClient, type UserKitClient } from '@userkit/client';
import { CapturingMessageSender } from '../support/captured-messages.js';
import {
  rejectionOf,
  startListeningTestApp,
  type ListeningTestApp,
} from '../support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from '../support/users.js';

describe('@userkit/client: client.organizations', () => {
  let t: ListeningTestApp;
  const inbox = new CapturingMessageSender();

  beforeAll(async () => {
    t = await startListeningTestApp({ overrides: { messageSender: inbox } });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A signed-in client whose address is verified (it can accept invitations). */
  async function signedIn(): Promise<{ client: UserKitClient; email: string; id: string }> {
    const client = createUserKitClient({ baseUrl: t.baseUrl });
    const email = uniqueEmail('client-org');
    const user = await client.signUp({ email, password: GOOD_PASSWORD });
    const address = user.emailAddresses[0];
    await client.request('POST', `/me/emails/${address.id}/verify`, {
      code: inbox.lastCode(email),
    });
    return { client, email, id: user.id };
  }

  it('create, list, rename; invite, accept; members, roles, leave; delete', async () => {
    const owner = await signedIn();
    const invitee = await signedIn();
    const created = await owner.client.organizations.create({ name: 'Client Co' });
    const id = created.organization.id;
    expect(created.role).toBe('owner');
    expect((await owner.client.organizations.list()).map((entry) => entry.organization.id)).toEqual(
      [id],
    );
    const renamed = await owner.client.organizations.update(id, { name: 'Client Company' });
    expect(renamed.organization.name).toBe('Client Company');

    const invitation = await owner.client.organizations.invite(id, {
      email: invitee.email,
      role: 'member',
    });
    expect((await owner.client.organizations.listInvitations(id)).map((entry) => entry.id)).toEqual(
      [invitation.id],
    );
    const mine = await invitee.client.organizations.listMyInvitations();
    expect(mine.map((entry) => entry.organization.name)).toEqual(['Client Company']);
    const token = inbox.invitations.at(-1)!.token;
    const joined = await invitee.client.organizations.acceptInvitation(invitation.id, token);
    expect(joined).toMatchObject({ organization: { id }, role: 'member', permissions: [] });
    expect(await invitee.client.organizations.setActive(id)).toMatchObject({
      organizationId: id,
      role: 'member',
    });
    expect((await invitee.client.organizations.getActive()).organizationId).toBe(id);

    const page = await invitee.client.organizations.listMembers(id, { limit: 1 });
    expect(page.data.map((member) => member.userId)).toEqual([owner.id]);
    const next = await invitee.client.organizations.listMembers(id, {
      limit: 1,
      cursor: page.nextCursor!,
    });
    expect(next.data.map((member) => member.userId)).toEqual([invitee.id]);
    expect(next.nextCursor).toBeNull();

    expect(await owner.client.organizations.changeMemberRole(id, invitee.id, 'admin')).toEqual({
      userId: invitee.id,
      role: 'admin',
    });
    const lastOwner = await rejectionOf(owner.client.organizations.removeMember(id, owner.id));
    expect(lastOwner).toMatchObject({ status: 409, code: 'ORGANIZATION_LAST_OWNER' });
    await invitee.client.organizations.removeMember(id, invitee.id);
    const gone = await rejectionOf(invitee.client.organizations.get(id));
    expect(gone).toMatchObject({ status: 404, code: 'ORGANIZATION_NOT_FOUND' });

    const second = await owner.client.organizations.invite(id, {
      email: uniqueEmail(),
      role: 'member',
    });
    await owner.client.organizations.revokeInvitation(id, second.id);
    const third = await owner.client.organizations.invite(id, {
      email: invitee.email,
      role: 'member',
    });
    await invitee.client.organizations.declineInvitation(third.id);
    expect(await invitee.client.organizations.listMyInvitations()).toEqual([]);

    await owner.client.organizations.delete(id);
    expect(await owner.client.organizations.list()).toEqual([]);
  });

  it('setLogo uploads a Blob, the answer serves it, removeLogo clears it', async () => {
    const owner = await signedIn();
    const id = (await owner.client.organizations.create({ name: 'Logo Co' })).organization.id;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const uploaded = await owner.client.organizations.setLogo(
      id,
      new Blob([png], { type: 'image/png' }),
    );
    const served = await fetch(`${t.baseUrl}${new URL(uploaded.organization.logoUrl!).pathname}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    const refused = await rejectionOf(
      owner.client.organizations.setLogo(id, new Blob(['not an image'])),
    );
    expect(refused).toMatchObject({ status: 400, code: 'ORGANIZATION_LOGO_UNSUPPORTED' });
    expect((await owner.client.organizations.removeLogo(id)).organization.logoUrl).toBeNull();
  });
});
