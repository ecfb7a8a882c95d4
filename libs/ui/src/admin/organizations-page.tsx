import { useEffect, useState } from 'preact/hooks';
import { Field, Form, Notice, PageHeading } from '../components/index.js';
import { Link, navigate, type RouteProps } from '../router.js';
import { client } from '../session.js';
import { AdminNav } from './admin-nav.js';
import { organizationsApi } from './organizations-api.js';
import { Pager } from './pager.js';
import { formatDate } from './user-labels.js';
import { useLoad } from './use-load.js';

function listPath(search: string, cursor?: string): string {
  const params = new URLSearchParams();
  if (search) params.set('search', search);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return `/admin/organizations${query ? `?${query}` : ''}`;
}

/** Organizations: search by name or slug, keyset paging, each to its page; a form to add one. */
export function OrganizationsPage({ query }: RouteProps) {
  const applied = query.get('search') ?? '';
  const cursor = query.get('cursor') ?? '';
  const [search, setSearch] = useState(applied);
  useEffect(() => setSearch(applied), [applied]);
  const [earlier, setEarlier] = useState<string[]>([]);
  const page = useLoad(() => organizationsApi.list({ search: applied, cursor }), query.toString());
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [ownerId, setOwnerId] = useState(client.user?.id ?? '');
  const organizations = page.data?.data ?? [];
  return (
    <section class="admin">
      <AdminNav current="organizations" />
      <PageHeading>Organizations</PageHeading>
      <Form
        label="Find organizations"
        submitLabel="Search"
        class="admin-filters"
        onSubmit={async () => {
          setEarlier([]);
          navigate(listPath(search.trim()));
        }}
      >
        <Field
          label="Search"
          name="search"
          value={search}
          onValue={setSearch}
          hint="Part of the name or slug"
        />
      </Form>
      {page.error && <Notice kind="error">{page.error}</Notice>}
      <p class="admin-count" role="status">
        {page.loading
          ? 'Loading organizations…'
          : `Page ${earlier.length + 1}: ${organizations.length} organization${organizations.length === 1 ? '' : 's'}`}
      </p>
      {organizations.length > 0 && (
        <div class="table-wrap" aria-busy={page.loading}>
          <table role="table" class="admin-table organizations-table">
            <caption class="visually-hidden">Organizations on this page</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" scope="col">
                  Name
                </th>
                <th role="columnheader" scope="col">
                  Slug
                </th>
                <th role="columnheader" scope="col">
                  Created
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {organizations.map((organization) => (
                <tr role="row" key={organization.id}>
                  <th role="rowheader" scope="row" data-label="Name">
                    <Link href={`/admin/organizations/${encodeURIComponent(organization.id)}`}>
                      {organization.name}
                    </Link>
                  </th>
                  <td role="cell" data-label="Slug" class="mono">
                    {organization.slug}
                  </td>
                  <td role="cell" data-label="Created">
                    {formatDate(organization.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        cursor={cursor}
        nextCursor={page.data?.nextCursor}
        loading={page.loading}
        earlier={earlier}
        setEarlier={setEarlier}
        pathTo={(to) => listPath(applied, to)}
      />
      <section class="panel" aria-labelledby="organization-create">
        <h2 id="organization-create">Add an organization</h2>
        <Form
          label="Add an organization"
          submitLabel="Add organization"
          onSubmit={async () => {
            const created = await organizationsApi.create({
              name: name.trim(),
              ...(slug.trim() ? { slug: slug.trim() } : {}),
              ownerId: ownerId.trim(),
            });
            setName('');
            setSlug('');
            navigate(`/admin/organizations/${encodeURIComponent(created.id)}`);
          }}
        >
          <Field label="Name" name="name" value={name} onValue={setName} required />
          <Field
            label="Slug"
            name="slug"
            value={slug}
            onValue={setSlug}
            hint="Lower-case words joined by hyphens; made from the name when empty"
          />
          <Field
            label="Owner"
            name="ownerId"
            value={ownerId}
            onValue={setOwnerId}
            required
            hint="The user id of its first owner (yours by default)"
          />
        </Form>
      </section>
    </section>
  );
}
