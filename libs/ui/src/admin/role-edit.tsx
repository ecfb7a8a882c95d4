import { useState } from 'preact/hooks';
import { Field, Form } from '../components/index.js';
import { adminApi, type RoleResponse } from './api.js';

/** The description of one role; an empty field clears it (the API takes null). */
export function RoleDescriptionForm(props: {
  role: RoleResponse;
  onSaved: (saved: RoleResponse) => void;
}) {
  const { role } = props;
  const [description, setDescription] = useState(role.description ?? '');
  return (
    <Form
      label={`Role ${role.name}`}
      submitLabel={`Save ${role.name}`}
      class="attribute-edit role-edit"
      onSubmit={async () => {
        const text = description.trim();
        const saved = await adminApi.updateRole(role.name, { description: text || null });
        props.onSaved(saved);
        return text ? `Description of ${role.name} saved.` : `Description of ${role.name} cleared.`;
      }}
    >
      <Field
        label="Description"
        name={`role-${role.name}-description`}
        value={description}
        onValue={setDescription}
        hint="At most 500 characters; leave empty to clear it."
      />
    </Form>
  );
}
