import { OrmContext } from '@userkit/user';
import { OrganizationMembersService } from '@userkit/user/organizations';
import { CapturingMessageSender } from '../support/captured-messages.js';
import { sql } from '../support/database-access.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, signUp, type SignedUp } from '../support/users.js';

describe('organization limits: maxOrganizationsPerUser and maxMembersPerOrganization', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();

  beforeAll(async () => {
    t = await startTestApp({
      overrides: { messageSender: inbox, maxOrganizationsPerUser: 2, maxMembersPerOrganization: 3 },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  function create(user: SignedUp, name = 'Limited') {
    return t.http.post('/organizations').set(bearer(user.accessToken)).send({ name });
  }

  async function add(organizationId: string, user: SignedUp): Promise<void> {
    await t.app
      .get(OrmContext)
      .run(() => t.app.get(OrganizationMembersService).add(organizationId, user.user.id, 'member'));
  }

  it('creations at once past the per-user limit: exactly the limit succeeds, the rest 409', async () => {
    const user = await signUp(t.http);
    const answers = await Promise.all([create(user), create(user), create(user), create(user)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409]);
    for (const refused of answers.filter((answer) => answer.status === 409))
      expect(refused.body.code).toBe('ORGANIZATION_LIMIT_REACHED');
    const memberships = await sql(
      t.app,
      'select id from userkit_organization_memberships where user_id = ?',
      [user.user.id],
    );
    expect(memberships).toHaveLength(2);
  });

  it('members past the per-organization limit: 409, and an invitation past it stays pending', async () => {
    const owner = await signUp(t.http);
    const organizationId = (await create(owner).expect(201)).body.organization.id;
    await add(organizationId, await signUp(t.http));
    await add(organizationId, await signUp(t.http));
    await expect(add(organizationId, await signUp(t.http))).rejects.toMatchObject({
      code: 'ORGANIZATION_MEMBER_LIMIT_REACHED',
    });

    // An invitation to a fourth: its acceptance is refused and the invitation waits.
    const invitee = await signUp(t.http);
    const address = (invitee.user.emailAddresses as Array<{ id: string }>)[0];
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(bearer(invitee.accessToken))
      .send({ code: inbox.lastCode(invitee.email) })
      .expect(200);
    const invitation = await t.http
      .post(`/organizations/${organizationId}/invitations`)
      .set(bearer(owner.accessToken))
      .send({ email: invitee.email, role: 'member' })
      .expect(201);
    const refused = await t.http
      .post(`/invitations/${invitation.body.id}/accept`)
      .set(bearer(invitee.accessToken))
      .send({})
      .expect(409);
    expect(refused.body.code).toBe('ORGANIZATION_MEMBER_LIMIT_REACHED');
    const pending = await t.http
      .get('/me/invitations')
      .set(bearer(invitee.accessToken))
      .expect(200);
    expect(pending.body.map((entry: { id: string }) => entry.id)).toEqual([invitation.body.id]);
  });

  it('a user at the limit cannot be added to another organization either', async () => {
    const user = await signUp(t.http);
    await create(user).expect(201);
    await create(user).expect(201);
    const other = await signUp(t.http);
    const organizationId = (await create(other).expect(201)).body.organization.id;
    await expect(add(organizationId, user)).rejects.toMatchObject({
      code: 'ORGANIZATION_LIMIT_REACHED',
    });
  });
});
