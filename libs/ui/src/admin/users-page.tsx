import { useEffect, useState } from 'preact/hooks';
import { Field, Form, Notice, PageHeading } from '../components/index.js';
import { Link, navigate, type RouteProps } from '../router.js';
import { AdminNav } from './admin-nav.js';
import { Pager } from './pager.js';
import { adminApi, USER_LIST_PARAMS, type AdminUserResponse } from './api.js';
import { ANY_YES_NO, SelectField } from './fields.js';
import { formatDate, isVerified } from './user-labels.js';
import { useLoad } from './use-load.js';

type FilterName = Exclude<(typeof USER_LIST_PARAMS)[number], 'cursor'>;
type Filters = Record<FilterName, string>;

// The list's parameters but the cursor: paging keeps the filters and starts from page one.
const FILTER_NAMES = USER_LIST_PARAMS.filter((name): name is FilterName => name !== 'cursor');
// Filters past the search box: when one is set, "More filters" starts open.
const MORE = FILTER_NAMES.filter((name) => name !== 'query');

/** The usual sizes, plus one given in the address (`?limit=2`) so the select shows it. */
function pageSizes(current: string): string[] {
  const sizes = ['', '5', '10', '50', '100'];
  return current && !sizes.includes(current) ? [...sizes, current] : sizes;
}

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, query.get(name) ?? ''])) as Filters;
}

function listPath(filters: Partial<Filters>, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return `/admin/users${query ? `?${query}` : ''}`;
}

/** Users: search, the API's filters and sort, keyset paging (cursor), each row to its detail. */
export function UsersPage({ query }: RouteProps) {
  const applied = filtersOf(query);
  const cursor = query.get('cursor') ?? '';
  const [filters, setFilters] = useState<Filters>(applied);
  const appliedKey = JSON.stringify(applied);
  // Back/forward to other filters: the form shows what the list shows.
  useEffect(() => setFilters(applied), [appliedKey]);
  // Cursors of the pages before this one ('' = the first): "Previous" pops one.
  const [earlier, setEarlier] = useState<string[]>([]);
  const page = useLoad(() => adminApi.listUsers(query), query.toString());
  const roles = useLoad(() => adminApi.listRoles(), 'roles');
  const schema = useLoad(() => adminApi.getSchema(), 'schema');
  const searchable = (schema.data?.custom ?? []).filter((a) => a.searchable && !a.obsolete);
  const set = (name: keyof Filters) => (value: string) => setFilters({ ...filters, [name]: value });

  const users = page.data?.data ?? [];
  const pageNumber = earlier.length + 1;
  return (
    <section class="admin">
      <AdminNav current="users" />
      <PageHeading>Users</PageHeading>
      <Form
        label="Find users"
        submitLabel="Search"
        class="admin-filters"
        onSubmit={async () => {
          setEarlier([]);
          navigate(listPath(filters));
        }}
      >
        <Field
          label="Search"
          name="query"
          type="text"
          value={filters.query}
          onValue={set('query')}
          hint="Email, name or user id"
        />
        <details class="more-filters" open={MORE.some((name) => applied[name] !== '')}>
          <summary>More filters and sort</summary>
          <div class="filter-grid">
            <SelectField
              label="Role"
              name="role"
              value={filters.role}
              onValue={set('role')}
              options={[
                { value: '', label: 'Any role' },
                ...(roles.data ?? []).map((role) => ({ value: role.name, label: role.name })),
              ]}
            />
            <SelectField
              label="Verified email or phone"
              name="verified"
              value={filters.verified}
              onValue={set('verified')}
              options={ANY_YES_NO}
            />
            <SelectField
              label="Banned"
              name="banned"
              value={filters.banned}
              onValue={set('banned')}
              options={ANY_YES_NO}
            />
            <SelectField
              label="Anonymous"
              name="anonymous"
              value={filters.anonymous}
              onValue={set('anonymous')}
              options={ANY_YES_NO}
            />
            <Field
              label="Created after"
              name="createdAfter"
              type="date"
              value={filters.createdAfter}
              onValue={set('createdAfter')}
            />
            <Field
              label="Created before"
              name="createdBefore"
              type="date"
              value={filters.createdBefore}
              onValue={set('createdBefore')}
            />
            {searchable.length > 0 && (
              <SelectField
                label="Attribute"
                name="attribute"
                value={filters.attribute}
                onValue={set('attribute')}
                hint="Custom attributes marked searchable"
                options={[
                  { value: '', label: 'None' },
                  ...searchable.map((a) => ({ value: a.name, label: `${a.label} (${a.name})` })),
                ]}
              />
            )}
            {searchable.length > 0 && (
              <Field
                label="Attribute value"
                name="attributeValue"
                value={filters.attributeValue}
                onValue={set('attributeValue')}
              />
            )}
            <SelectField
              label="Sort by"
              name="sort"
              value={filters.sort}
              onValue={set('sort')}
              options={[
                { value: '', label: 'Created' },
                { value: 'email', label: 'Email' },
              ]}
            />
            <SelectField
              label="Order"
              name="order"
              value={filters.order}
              onValue={set('order')}
              options={[
                { value: '', label: 'Ascending' },
                { value: 'desc', label: 'Descending' },
              ]}
            />
            <SelectField
              label="Per page"
              name="limit"
              value={filters.limit}
              onValue={set('limit')}
              options={pageSizes(applied.limit).map((value) => ({
                value,
                label: value || '20',
              }))}
            />
          </div>
        </details>
      </Form>

      {page.error && <Notice kind="error">{page.error}</Notice>}
      <p class="admin-count" role="status">
        {page.loading
          ? 'Loading users…'
          : `Page ${pageNumber}: ${users.length} user${users.length === 1 ? '' : 's'}`}
      </p>
      {users.length > 0 && <UsersTable users={users} busy={page.loading} />}

      <Pager
        cursor={cursor}
        nextCursor={page.data?.nextCursor}
        loading={page.loading}
        earlier={earlier}
        setEarlier={setEarlier}
        pathTo={(to) => listPath(applied, to)}
      />
    </section>
  );
}

function UsersTable(props: { users: AdminUserResponse[]; busy: boolean }) {
  return (
    <div class="table-wrap" aria-busy={props.busy}>
      <table role="table" class="admin-table users-table">
        <caption class="visually-hidden">Users on this page</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              Email
            </th>
            <th role="columnheader" scope="col">
              Name
            </th>
            <th role="columnheader" scope="col">
              Roles
            </th>
            <th role="columnheader" scope="col">
              Status
            </th>
            <th role="columnheader" scope="col">
              Created
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {props.users.map((user) => (
            <tr role="row" key={user.id}>
              <th role="rowheader" scope="row" data-label="Email">
                <Link href={`/admin/users/${encodeURIComponent(user.id)}`}>
                  {user.primaryEmail ??
                    (user.username ? `@${user.username}` : null) ??
                    (user.isAnonymous ? 'Anonymous user' : user.id)}
                </Link>
              </th>
              <td role="cell" data-label="Name">
                {[
                  user.displayName,
                  [user.firstName, user.lastName].filter(Boolean).join(' '),
                  user.primaryEmail && user.username ? `@${user.username}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ') || '—'}
              </td>
              <td role="cell" data-label="Roles">
                {user.roles.join(', ') || '—'}
              </td>
              <td role="cell" data-label="Status">
                <StatusBadges user={user} />
              </td>
              <td role="cell" data-label="Created">
                {formatDate(user.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatusBadges({ user }: { user: AdminUserResponse }) {
  return (
    <span class="badges">
      {user.banned && <span class="badge badge-danger">banned</span>}
      {user.isAnonymous && <span class="badge badge-warn">anonymous</span>}
      {isVerified(user) ? (
        <span class="badge">verified</span>
      ) : (
        <span class="badge badge-muted">unverified</span>
      )}
      {user.twoFactorEnabled && <span class="badge">2FA</span>}
    </span>
  );
}
