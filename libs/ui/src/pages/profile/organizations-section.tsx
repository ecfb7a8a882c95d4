import type {
  MyInvitationResponse,
  OrganizationMemberResponse,
  OrganizationMembershipResponse,
  User,
} from '@userkit/client';
import { useEffect, useId, useState } from 'preact/hooks';
import { ActionButton, errorMessage, Field, Form, Notice } from '../../components/index.js';
import { client } from '../../session.js';
import { Section } from './section.js';

interface Loaded {
  organizations: OrganizationMembershipResponse[];
  invitations: MyInvitationResponse[];
  activeId: string | null;
  members: OrganizationMemberResponse[];
}

/** Whether a role's permissions (`*`: the owner) allow inviting. */
function mayInvite(permissions: string[]): boolean {
  return permissions.includes('*') || permissions.includes('invitations:manage');
}

/**
 * The user's organizations (UserOrganizationsModule): the one this session works in (a switcher),
 * a new one, invitations to answer, and the active one's members and a form to invite more.
 */
export function OrganizationsSection({ user }: { user: User }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('member');
  const switcherId = useId();
  const roleId = useId();

  const load = async () => {
    try {
      const [organizations, invitations, active] = await Promise.all([
        client.organizations.list(),
        client.organizations.listMyInvitations(),
        client.loadActiveOrganization(),
      ]);
      const members = active.orgId
        ? (await client.organizations.listMembers(active.orgId, { limit: 100 })).data
        : [];
      setLoaded({ organizations, invitations, activeId: active.orgId, members });
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  useEffect(() => {
    void load();
  }, [user.id]);

  const active = loaded?.organizations.find((entry) => entry.organization.id === loaded.activeId);
  return (
    <Section title="Organizations">
      {error && <Notice kind="error">{error}</Notice>}
      {loaded === null ? (
        <p class="loading">Loading…</p>
      ) : (
        <>
          {loaded.organizations.length === 0 ? (
            <p>You belong to no organization yet.</p>
          ) : (
            <>
              <div class="field">
                <label for={switcherId}>Active organization</label>
                <select
                  id={switcherId}
                  name="activeOrganization"
                  value={loaded.activeId ?? ''}
                  onChange={async (event) => {
                    const chosen = event.currentTarget.value;
                    try {
                      await client.setActiveOrganization(chosen || null);
                      await load();
                    } catch (failure) {
                      setError(errorMessage(failure));
                    }
                  }}
                >
                  <option value="">None</option>
                  {loaded.organizations.map((entry) => (
                    <option key={entry.organization.id} value={entry.organization.id}>
                      {entry.organization.name}
                    </option>
                  ))}
                </select>
              </div>
              <ul class="list" aria-label="Your organizations">
                {loaded.organizations.map((entry) => (
                  <li key={entry.organization.id}>
                    <span class="item-text">
                      {entry.organization.name} <span class="badge">{entry.role}</span>
                      {entry.organization.id === loaded.activeId && (
                        <span class="badge">Active</span>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {active && (
            <>
              <h3>Members of {active.organization.name}</h3>
              <ul class="list" aria-label={`Members of ${active.organization.name}`}>
                {loaded.members.map((member) => (
                  <li key={member.userId}>
                    <span class="item-text">
                      {member.email ?? member.displayName ?? member.userId}{' '}
                      <span class="badge">{member.role}</span>
                    </span>
                  </li>
                ))}
              </ul>
              {mayInvite(active.permissions) && (
                <Form
                  label={`Invite to ${active.organization.name}`}
                  submitLabel="Send invitation"
                  onSubmit={async () => {
                    const invitation = await client.organizations.invite(active.organization.id, {
                      email: email.trim(),
                      role,
                    });
                    setEmail('');
                    return `Invitation sent to ${invitation.email}.`;
                  }}
                >
                  <Field
                    label="Email to invite"
                    name="inviteEmail"
                    type="email"
                    value={email}
                    onValue={setEmail}
                    required
                  />
                  <div class="field">
                    <label for={roleId}>Role</label>
                    <select
                      id={roleId}
                      name="inviteRole"
                      value={role}
                      onChange={(event) => setRole(event.currentTarget.value)}
                    >
                      <option value="member">member</option>
                      <option value="admin">admin</option>
                    </select>
                  </div>
                </Form>
              )}
            </>
          )}
          {loaded.invitations.length > 0 && (
            <>
              <h3>Invitations</h3>
              <ul class="list" aria-label="Invitations">
                {loaded.invitations.map((invitation) => (
                  <li key={invitation.id}>
                    <span class="item-text">
                      {invitation.organization.name} <span class="badge">{invitation.role}</span>
                    </span>
                    <ActionButton
                      label={`Accept the invitation to ${invitation.organization.name}`}
                      onClick={async () => {
                        await client.organizations.acceptInvitation(invitation.id);
                        await load();
                      }}
                    >
                      Accept
                    </ActionButton>
                    <ActionButton
                      kind="link"
                      label={`Decline the invitation to ${invitation.organization.name}`}
                      onClick={async () => {
                        await client.organizations.declineInvitation(invitation.id);
                        await load();
                      }}
                    >
                      Decline
                    </ActionButton>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Form
            label="Create an organization"
            submitLabel="Create organization"
            onSubmit={async () => {
              const created = await client.organizations.create({ name: name.trim() });
              setName('');
              await load();
              return `${created.organization.name} created.`;
            }}
          >
            <Field
              label="Organization name"
              name="organizationName"
              value={name}
              onValue={setName}
              required
            />
          </Form>
        </>
      )}
    </Section>
  );
}
