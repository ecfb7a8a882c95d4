import { useState } from 'preact/hooks';
import { Form } from '../components/index.js';
import { adminApi, type AdminUserResponse, type RoleResponse } from './api.js';
import { CheckboxField } from './fields.js';

/** The user's roles as check boxes over the defined roles; saved as one set (PUT roles). */
export function UserRoles(props: {
  user: AdminUserResponse;
  roles: RoleResponse[];
  onSaved: (user: AdminUserResponse) => void;
}) {
  const [chosen, setChosen] = useState<string[]>(props.user.roles);
  // A role the user holds that is no longer listed still shows, so saving does not drop it silently.
  const names = [
    ...props.roles.map((role) => role.name),
    ...props.user.roles.filter((name) => !props.roles.some((role) => role.name === name)),
  ];
  const described = new Map(props.roles.map((role) => [role.name, role.description]));
  return (
    <section class="panel" aria-labelledby="user-roles">
      <h2 id="user-roles">Roles</h2>
      <Form
        label="Roles"
        submitLabel="Save roles"
        onSubmit={async () => {
          const saved = await adminApi.setRoles(props.user.id, chosen);
          props.onSaved(saved);
          setChosen(saved.roles);
          return `Roles saved: ${saved.roles.join(', ') || 'none'}`;
        }}
      >
        <fieldset class="checks">
          <legend class="visually-hidden">Roles of this user</legend>
          {names.map((name) => (
            <CheckboxField
              key={name}
              name="roles"
              label={name}
              hint={described.get(name) ?? undefined}
              checked={chosen.includes(name)}
              onChecked={(checked) =>
                setChosen(checked ? [...chosen, name] : chosen.filter((role) => role !== name))
              }
            />
          ))}
        </fieldset>
      </Form>
    </section>
  );
}
