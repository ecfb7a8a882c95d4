import { useState } from 'preact/hooks';
import { Button, ConfirmButton, Field, Form, Notice, PageHeading } from '../components/index.js';
import { Link, navigate, type RouteProps } from '../router.js';
import { AdminNav } from './admin-nav.js';
import { organizationsApi, type AdminOrganizationResponse } from './organizations-api.js';
import { formatDate } from './user-labels.js';
import { useLoad } from './use-load.js';

/** One organization: its details and metadata, its members (searchable, paged), deletion. */
export function OrganizationPage({ params }: RouteProps) {
  const organization = useLoad(() => organizationsApi.get(params.id), params.id);
  const data = organization.data;
  return (
    <section class="admin">
      <AdminNav current="organizations" />
      <p class="back">
        <Link href="/admin/organizations">← All organizations</Link>
      </p>
      <PageHeading>{data ? data.name : 'Organization'}</PageHeading>
      {organization.error && <Notice kind="error">{organization.error}</Notice>}
      {organization.loading && !data && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {data && (
        <>
          <OrganizationSummary organization={data} />
          <OrganizationMembers organizationId={data.id} />
          <section class="panel" aria-labelledby="organization-delete">
            <h2 id="organization-delete">Delete</h2>
            <p>Its memberships and invitations go with it; its members stay.</p>
            <ConfirmButton
              label={`Delete organization ${data.name}`}
              confirmLabel="Yes, delete it"
              onConfirm={async () => {
                await organizationsApi.remove(data.id);
                navigate('/admin/organizations', { replace: true });
              }}
            >
              Delete organization
            </ConfirmButton>
          </section>
        </>
      )}
    </section>
  );
}

function OrganizationSummary({ organization }: { organization: AdminOrganizationResponse }) {
  return (
    <section class="panel" aria-labelledby="organization-summary">
      <h2 id="organization-summary">Details</h2>
      <dl class="summary">
        <dt>Slug</dt>
        <dd class="mono">{organization.slug}</dd>
        <dt>Id</dt>
        <dd class="mono">{organization.id}</dd>
        <dt>Created</dt>
        <dd>{formatDate(organization.createdAt)}</dd>
        <dt>Logo</dt>
        <dd>
          {organization.logoUrl ? (
            <img src={organization.logoUrl} alt={`Logo of ${organization.name}`} width={48} />
          ) : (
            '—'
          )}
        </dd>
        <dt>Public metadata</dt>
        <dd>
          <code class="mono">{JSON.stringify(organization.publicMetadata)}</code>
        </dd>
        <dt>Private metadata</dt>
        <dd>
          <code class="mono">{JSON.stringify(organization.privateMetadata)}</code>
        </dd>
      </dl>
    </section>
  );
}

function OrganizationMembers({ organizationId }: { organizationId: string }) {
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  // Cursors of the pages before this one ('' = the first).
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1) ?? '';
  const page = useLoad(
    () => organizationsApi.members(organizationId, { search: applied, cursor }),
    `${organizationId}:${applied}:${cursor}`,
  );
  const members = page.data?.data ?? [];
  return (
    <section class="panel" aria-labelledby="organization-members">
      <h2 id="organization-members">Members</h2>
      <Form
        label="Find members"
        submitLabel="Search members"
        class="admin-filters"
        onSubmit={async () => {
          setCursors([]);
          setApplied(search.trim());
        }}
      >
        <Field
          label="Search members"
          name="search"
          value={search}
          onValue={setSearch}
          hint="Part of the email or name"
        />
      </Form>
      {page.error && <Notice kind="error">{page.error}</Notice>}
      {page.loading && !page.data && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {page.data && members.length === 0 && <p>No member found.</p>}
      {members.length > 0 && (
        <div class="table-wrap" aria-busy={page.loading}>
          <table role="table" class="admin-table members-table">
            <caption class="visually-hidden">Members</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" scope="col">
                  Member
                </th>
                <th role="columnheader" scope="col">
                  Role
                </th>
                <th role="columnheader" scope="col">
                  Joined
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {members.map((member) => (
                <tr role="row" key={member.userId}>
                  <th role="rowheader" scope="row" data-label="Member">
                    <Link href={`/admin/users/${encodeURIComponent(member.userId)}`}>
                      {member.email ?? member.displayName ?? member.userId}
                    </Link>
                  </th>
                  <td role="cell" data-label="Role">
                    {member.role}
                  </td>
                  <td role="cell" data-label="Joined">
                    {formatDate(member.joinedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(cursors.length > 0 || page.data?.nextCursor) && (
        <nav class="pager" aria-label="Member pages">
          <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous members
          </Button>
          <Button
            disabled={!page.data?.nextCursor || page.loading}
            onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
          >
            Next members
          </Button>
        </nav>
      )}
    </section>
  );
}
