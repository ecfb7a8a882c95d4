import { useState } from 'preact/hooks';
import {
  Button,
  ConfirmButton,
  Field,
  Form,
  Notice,
  PageHeading,
  errorMessage,
} from '../components/index.js';
import type { RouteProps } from '../router.js';
import { AdminNav } from './admin-nav.js';
import { adminApi, type RoleResponse } from './api.js';
import { RoleDescriptionForm } from './role-edit.js';
import { useLoad } from './use-load.js';

/**
 * Roles: the list, each description editable, custom roles deletable (a second click confirms;
 * the API refuses while users hold the role, and that refusal is shown), and a form to add one.
 */
export function RolesPage(_props: RouteProps) {
  const roles = useLoad(() => adminApi.listRoles(), 'roles');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // A refused deletion (role in use) is shown across the table, under the role's row.
  const [refusal, setRefusal] = useState<{ role: string; message: string } | null>(null);
  const replace = (saved: RoleResponse) =>
    roles.setData((roles.data ?? []).map((role) => (role.name === saved.name ? saved : role)));
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
                  <th role="columnheader" scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {roles.data.map((role) => [
                  <tr role="row" key={role.name}>
                    <th role="rowheader" scope="row" data-label="Name">
                      <span>
                        <span class="mono">{role.name}</span>
                        {role.builtIn && <span class="badge badge-muted">built-in</span>}
                      </span>
                    </th>
                    <td role="cell" data-label="Description">
                      {role.description ?? '—'}
                    </td>
                    <td role="cell" class="row-action">
                      <span class="actions role-actions">
                        <Button
                          kind="link"
                          label={`${editing === role.name ? 'Close' : 'Edit'} role ${role.name}`}
                          onClick={() => setEditing(editing === role.name ? null : role.name)}
                        >
                          {editing === role.name ? 'Close' : 'Edit'}
                        </Button>
                        {!role.builtIn && (
                          <ConfirmButton
                            label={`Delete role ${role.name}`}
                            confirmLabel={`Yes, delete ${role.name}`}
                            onConfirm={async () => {
                              setStatus(null);
                              setRefusal(null);
                              try {
                                await adminApi.deleteRole(role.name);
                              } catch (failure) {
                                setRefusal({ role: role.name, message: errorMessage(failure) });
                                return;
                              }
                              roles.setData(
                                (roles.data ?? []).filter((kept) => kept.name !== role.name),
                              );
                              if (editing === role.name) setEditing(null);
                              setStatus(`Role ${role.name} deleted.`);
                            }}
                          >
                            Delete
                          </ConfirmButton>
                        )}
                      </span>
                    </td>
                  </tr>,
                  refusal?.role === role.name && (
                    <tr role="row" key={`${role.name}-refusal`} class="edit-row">
                      <td role="cell" colSpan={3}>
                        <Notice kind="error">{refusal.message}</Notice>
                      </td>
                    </tr>
                  ),
                  editing === role.name && (
                    <tr role="row" key={`${role.name}-edit`} class="edit-row">
                      <td role="cell" colSpan={3}>
                        <RoleDescriptionForm role={role} onSaved={replace} />
                      </td>
                    </tr>
                  ),
                ])}
              </tbody>
            </table>
          </div>
        )}
        {status && <Notice>{status}</Notice>}
        <p class="hint">
          Built-in roles and roles declared in the module options cannot be deleted. A role still
          held by users cannot be deleted either: take it away from them on their pages first.
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
