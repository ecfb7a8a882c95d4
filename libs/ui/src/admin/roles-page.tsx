import { useState } from 'preact/hooks';
import { Field, Form, Notice, PageHeading } from '../components/index.js';
import type { RouteProps } from '../router.js';
import { AdminNav } from './admin-nav.js';
import { adminApi } from './api.js';
import { useLoad } from './use-load.js';

const BUILT_IN = new Set(['admin', 'user', 'anonymous']);

/** Roles: the list and a form to add one (the API offers no deletion: roles are kept). */
export function RolesPage(_props: RouteProps) {
  const roles = useLoad(() => adminApi.listRoles(), 'roles');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  return (
    <section class="admin">
      <AdminNav current="roles" />
      <PageHeading>Roles</PageHeading>
      {roles.error && <Notice kind="error">{roles.error}</Notice>}
      <section class="panel" aria-labelledby="role-list">
        <h2 id="role-list">Defined roles</h2>
        {roles.loading && !roles.data && (
          <p class="loading" role="status">
            Loading…
          </p>
        )}
        {roles.data && (
          <div class="table-wrap">
            <table role="table" class="admin-table roles-table">
              <caption class="visually-hidden">Defined roles</caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" scope="col">
                    Name
                  </th>
                  <th role="columnheader" scope="col">
                    Description
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {roles.data.map((role) => (
                  <tr role="row" key={role.name}>
                    <th role="rowheader" scope="row" data-label="Name">
                      <span>
                        <span class="mono">{role.name}</span>
                        {BUILT_IN.has(role.name) && <span class="badge badge-muted">built-in</span>}
                      </span>
                    </th>
                    <td role="cell" data-label="Description">
                      {role.description ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p class="hint">
          Roles cannot be deleted through the API; take a role away from its users on their pages.
        </p>
      </section>
      <section class="panel" aria-labelledby="role-create">
        <h2 id="role-create">Add a role</h2>
        <Form
          label="Add a role"
          submitLabel="Add role"
          onSubmit={async () => {
            const created = await adminApi.createRole({
              name: name.trim(),
              ...(description.trim() ? { description: description.trim() } : {}),
            });
            roles.setData([...(roles.data ?? []), created]);
            setName('');
            setDescription('');
            return `Role ${created.name} added.`;
          }}
        >
          <Field
            label="Name"
            name="name"
            value={name}
            onValue={setName}
            required
            hint="Starts with a lowercase letter; a-z, 0-9, _, : or -"
          />
          <Field
            label="Description"
            name="description"
            value={description}
            onValue={setDescription}
          />
        </Form>
      </section>
    </section>
  );
}
