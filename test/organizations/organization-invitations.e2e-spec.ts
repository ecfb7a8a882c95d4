import { EventEmitter2 } from '@nestjs/event-emitter';
import { CapturingMessageSender } from '../support/captured-messages.js';
import { sql } from '../support/database-access.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bearer, signUp, uniqueEmail, type SignedUp } from '../support/users.js';

const INVITATION_URL = 'https://app.example.com/accept-invitation';

interface Invitation {
  id: string;
  organizationId: string;
  email: string;
  role: string;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

describe('organization invitations: send, list, revoke; accept or decline by the verified address', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  const heard: Array<{ name: string; payload: Record<string, unknown> }> = [];

  beforeAll(async () => {
    t = await startTestApp({
      overrides: { messageSender: inbox, organizationInvitationUrl: INVITATION_URL },
    });
    const emitter = t.app.get(EventEmitter2);
    for (const name of [
      'invitation.created',
      'invitation.accepted',
      'invitation.declined',
      'invitation.revoked',
      'membership.created',
    ])
      emitter.on(name, ({ context: _context, ...payload }: Record<string, unknown>) =>
        heard.push({ name, payload }),
      );
  });
  afterAll(async () => {
    await t.close();
  });

  /** A user whose sign-up address is verified with the code sent to it. */
  async function verifiedUser(email = uniqueEmail('invitee')): Promise<SignedUp> {
    const account = await signUp(t.http, { email });
    const address = (account.user.emailAddresses as Array<{ id: string }>)[0];
    await t.http
      .post(`/me/emails/${address.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(account.email) })
      .expect(200);
    return account;
  }

  async function organizationOf(owner: SignedUp): Promise<string> {
    const created = await t.http
      .post('/organizations')
      .set(bearer(owner.accessToken))
      .send({ name: `Team ${uniqueEmail('x')}` })
      .expect(201);
    return created.body.organization.id;
  }

  function invite(
    by: SignedUp,
    organizationId: string,
    body: Record<string, unknown>,
  ): ReturnType<TestApp['http']['post']> {
    return t.http
      .post(`/organizations/${organizationId}/invitations`)
      .set(bearer(by.accessToken))
      .send(body);
  }

  it('the whole lifecycle: invite (a message with a link), listed on both sides, accepted once', async () => {
    const owner = await verifiedUser();
    const organizationId = await organizationOf(owner);
    const invitee = await verifiedUser();
    const mark = heard.length;
    const sent = await invite(owner, organizationId, {
      email: invitee.email.toUpperCase(),
      role: 'admin',
    }).expect(201);
    const invitation: Invitation = sent.body;
    expect(invitation).toEqual({
      id: expect.any(String),
      organizationId,
      email: invitee.email,
      role: 'admin',
      invitedBy: owner.user.id,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    const days = (Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);

    const message = inbox.invitations.at(-1)!;
    expect(message).toMatchObject({
      email: invitee.email,
      role: 'admin',
      invitationId: invitation.id,
      organization: { id: organizationId },
      user: { id: owner.user.id },
    });
    const link = new URL(message.link!);
    expect(`${link.origin}${link.pathname}`).toBe(INVITATION_URL);
    expect(link.searchParams.get('invitation')).toBe(invitation.id);
    expect(link.searchParams.get('token')).toBe(message.token);
    // Only the token's digest is stored.
    const stored = await sql<{ token_hash: string }>(
      t.app,
      'select token_hash from userkit_organization_invitations where id = ?',
      [invitation.id],
    );
    expect(stored[0].token_hash).not.toContain(message.token);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    const listed = await t.http
      .get(`/organizations/${organizationId}/invitations`)
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(listed.body.map((entry: Invitation) => entry.id)).toEqual([invitation.id]);
    const mine = await t.http.get('/me/invitations').set(bearer(invitee.accessToken)).expect(200);
    expect(mine.body).toEqual([
      expect.objectContaining({
        id: invitation.id,
        role: 'admin',
        organization: expect.objectContaining({ id: organizationId }),
      }),
    ]);

    const wrongToken = await t.http
      .post(`/invitations/${invitation.id}/accept`)
      .set(bearer(invitee.accessToken))
      .send({ token: 'not-the-token' })
      .expect(404);
    expect(wrongToken.body.code).toBe('ORGANIZATION_INVITATION_NOT_FOUND');
    const accepted = await t.http
      .post(`/invitations/${invitation.id}/accept`)
      .set(bearer(invitee.accessToken))
      .send({ token: message.token })
      .expect(200);
    expect(accepted.body).toMatchObject({ organization: { id: organizationId }, role: 'admin' });
    expect(heard.slice(mark).map((event) => event.name)).toEqual([
      'invitation.created',
      'invitation.accepted',
      'membership.created',
    ]);
    expect(heard.slice(mark)[1].payload).toEqual({
      invitationId: invitation.id,
      organizationId,
      email: invitee.email,
      role: 'admin',
    });

    // Single use: a second acceptance finds nothing; the lists are empty.
    const again = await t.http
      .post(`/invitations/${invitation.id}/accept`)
      .set(bearer(invitee.accessToken))
      .send({})
      .expect(404);
    expect(again.body.code).toBe('ORGANIZATION_INVITATION_NOT_FOUND');
    expect(
      (await t.http.get('/me/invitations').set(bearer(invitee.accessToken)).expect(200)).body,
    ).toEqual([]);
    expect(
      (
        await t.http
          .get(`/organizations/${organizationId}/invitations`)
          .set(bearer(owner.accessToken))
          .expect(200)
      ).body,
    ).toEqual([]);
    // The new admin sees the organization, and may invite.
    await invite(invitee, organizationId, { email: uniqueEmail(), role: 'member' }).expect(201);
  });

  it('only a user who verified the address accepts; anyone else gets 404', async () => {
    const owner = await verifiedUser();
    const organizationId = await organizationOf(owner);
    const email = uniqueEmail('unverified');
    const sent = await invite(owner, organizationId, { email, role: 'member' }).expect(201);
    // The address's owner, not verified yet, and a stranger: neither sees nor accepts it.
    const unverified = await signUp(t.http, { email });
    const stranger = await verifiedUser();
    for (const who of [unverified, stranger]) {
      expect(
        (await t.http.get('/me/invitations').set(bearer(who.accessToken)).expect(200)).body,
      ).toEqual([]);
      for (const answer of ['accept', 'decline']) {
        const refused = await t.http
          .post(`/invitations/${sent.body.id}/${answer}`)
          .set(bearer(who.accessToken))
          .send({})
          .expect(404);
        expect(refused.body.code).toBe('ORGANIZATION_INVITATION_NOT_FOUND');
      }
    }
    await t.http.post(`/invitations/${sent.body.id}/accept`).send({}).expect(401);
    for (const id of ['01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69', 'x'.repeat(65)]) {
      await t.http
        .post(`/invitations/${id}/accept`)
        .set(bearer(stranger.accessToken))
        .send({})
        .expect(404);
    }
  });

  it('declined or revoked: it can no longer be accepted', async () => {
    const owner = await verifiedUser();
    const organizationId = await organizationOf(owner);
    const invitee = await verifiedUser();
    const first = await invite(owner, organizationId, {
      email: invitee.email,
      role: 'member',
    }).expect(201);
    await t.http
      .post(`/invitations/${first.body.id}/decline`)
      .set(bearer(invitee.accessToken))
      .send({})
      .expect(204);
    await t.http
      .post(`/invitations/${first.body.id}/accept`)
      .set(bearer(invitee.accessToken))
      .send({})
      .expect(404);

    // Answered, the address can be invited again; this one is revoked.
    const second = await invite(owner, organizationId, {
      email: invitee.email,
      role: 'member',
    }).expect(201);
    const mark = heard.length;
    await t.http
      .delete(`/organizations/${organizationId}/invitations/${second.body.id}`)
      .set(bearer(owner.accessToken))
      .expect(204);
    expect(heard.slice(mark).map((event) => event.name)).toEqual(['invitation.revoked']);
    const gone = await t.http
      .delete(`/organizations/${organizationId}/invitations/${second.body.id}`)
      .set(bearer(owner.accessToken))
      .expect(404);
    expect(gone.body.code).toBe('ORGANIZATION_INVITATION_NOT_FOUND');
    await t.http
      .post(`/invitations/${second.body.id}/accept`)
      .set(bearer(invitee.accessToken))
      .send({})
      .expect(404);
    await t.http
      .get(`/organizations/${organizationId}`)
      .set(bearer(invitee.accessToken))
      .expect(404);
  });

  it('409: inviting a member, or an address with a pending invitation; 400/403 for bad roles', async () => {
    const owner = await verifiedUser();
    const organizationId = await organizationOf(owner);
    const member = await verifiedUser();
    const sent = await invite(owner, organizationId, {
      email: member.email,
      role: 'member',
    }).expect(201);
    const pending = await invite(owner, organizationId, {
      email: member.email,
      role: 'admin',
    }).expect(409);
    expect(pending.body.code).toBe('ORGANIZATION_INVITATION_PENDING');
    await t.http
      .post(`/invitations/${sent.body.id}/accept`)
      .set(bearer(member.accessToken))
      .send({})
      .expect(200);
    const existing = await invite(owner, organizationId, {
      email: member.email,
      role: 'member',
    }).expect(409);
    expect(existing.body.code).toBe('ORGANIZATION_ALREADY_MEMBER');
    const ownerAgain = await invite(owner, organizationId, {
      email: owner.email,
      role: 'admin',
    }).expect(409);
    expect(ownerAgain.body.code).toBe('ORGANIZATION_ALREADY_MEMBER');

    // A member may not invite; an admin may, but not an owner; unknown roles and bad bodies are 400.
    const denied = await invite(member, organizationId, {
      email: uniqueEmail(),
      role: 'member',
    }).expect(403);
    expect(denied.body.code).toBe('ORGANIZATION_PERMISSION_DENIED');
    await t.http
      .get(`/organizations/${organizationId}/invitations`)
      .set(bearer(member.accessToken))
      .expect(403);
    const unknownRole = await invite(owner, organizationId, {
      email: uniqueEmail(),
      role: 'emperor',
    }).expect(400);
    expect(unknownRole.body.code).toBe('ORGANIZATION_ROLE_NOT_FOUND');
    for (const body of [
      { email: 'not-an-email', role: 'member' },
      { email: uniqueEmail() },
      { email: uniqueEmail(), role: 'member', extra: 1 },
    ]) {
      const refused = await invite(owner, organizationId, body).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    const outsider = await verifiedUser();
    const hidden = await invite(outsider, organizationId, {
      email: uniqueEmail(),
      role: 'member',
    }).expect(404);
    expect(hidden.body.code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('an acceptance and a revocation at once: exactly one wins', async () => {
    for (let round = 0; round < 3; round += 1) {
      const owner = await verifiedUser();
      const organizationId = await organizationOf(owner);
      const invitee = await verifiedUser();
      const sent = await invite(owner, organizationId, {
        email: invitee.email,
        role: 'member',
      }).expect(201);
      const [accepted, revoked] = await Promise.all([
        t.http
          .post(`/invitations/${sent.body.id}/accept`)
          .set(bearer(invitee.accessToken))
          .send({}),
        t.http
          .delete(`/organizations/${organizationId}/invitations/${sent.body.id}`)
          .set(bearer(owner.accessToken)),
      ]);
      const winners = [accepted.status === 200, revoked.status === 204].filter(Boolean);
      expect(winners).toHaveLength(1);
      expect([accepted.status, revoked.status]).toContain(404);
      const member = await t.http
        .get(`/organizations/${organizationId}`)
        .set(bearer(invitee.accessToken));
      expect(member.status).toBe(accepted.status === 200 ? 200 : 404);
    }
  });
});
