import { useState } from 'preact/hooks';
import { Field, Form } from '../components/index.js';
import { adminApi, type AttributeType, type CustomAttributeResponse } from './api.js';
import {
  AccessFields,
  fillValueOf,
  RequiredFields,
  RuleFields,
  ruleTextsOf,
  validationOf,
  type Access,
  type RuleTexts,
} from './attribute-fields.js';
import { CheckboxField } from './fields.js';

/**
 * Everything but the type: name (a rename moves the stored values), label, rules (replaced
 * whole), required, access, order, searchable, obsolete.
 */
export function AttributeEdit(props: {
  attribute: CustomAttributeResponse;
  onSaved: (saved: CustomAttributeResponse, previousName: string) => void;
}) {
  const { attribute } = props;
  const prefix = `edit-${attribute.name}`;
  const [name, setName] = useState(attribute.name);
  const [label, setLabel] = useState(attribute.label);
  const [required, setRequired] = useState(attribute.validation.required === true);
  const [fill, setFill] = useState('');
  const [rules, setRules] = useState<RuleTexts>(() => ruleTextsOf(attribute.validation));
  const [problems, setProblems] = useState<RuleTexts>({});
  const [access, setAccess] = useState<Access>(attribute.access);
  const [order, setOrder] = useState(String(attribute.order));
  const [searchable, setSearchable] = useState(attribute.searchable);
  const [obsolete, setObsolete] = useState(attribute.obsolete);
  return (
    <Form
      label={`Edit ${attribute.name}`}
      submitLabel={`Save ${attribute.name}`}
      class="attribute-edit"
      onSubmit={async () => {
        const { validation, problems: found } = validationOf(
          attribute.type as AttributeType,
          rules,
        );
        setProblems(found);
        if (Object.keys(found).length) throw new Error('Fix the rules marked above.');
        const newName = name.trim();
        const fillMissingWith = fillValueOf(attribute.type as AttributeType, fill);
        const saved = await adminApi.updateAttribute(attribute.name, {
          ...(newName !== attribute.name ? { name: newName } : {}),
          ...(label.trim() !== attribute.label ? { label: label.trim() || null } : {}),
          validation: required ? { ...validation, required: true } : validation,
          ...(fillMissingWith !== undefined ? { fillMissingWith } : {}),
          access,
          searchable,
          obsolete,
          ...(order.trim() ? { order: Number(order) } : {}),
        });
        props.onSaved(saved as CustomAttributeResponse, attribute.name);
        return `${saved.name} saved.`;
      }}
    >
      <div class="filter-grid">
        <Field
          label="Name"
          name={`${prefix}-name`}
          value={name}
          onValue={setName}
          required
          hint="Renaming moves every user's value to the new name; the old name becomes free."
        />
        <Field
          label="Label"
          name={`${prefix}-label`}
          value={label}
          onValue={setLabel}
          hint="Empty: the name in Title Case."
        />
      </div>
      <RuleFields
        type={attribute.type as AttributeType}
        texts={rules}
        problems={problems}
        onTexts={setRules}
        prefix={prefix}
      />
      <RequiredFields
        required={required}
        onRequired={setRequired}
        fill={fill}
        onFill={setFill}
        prefix={prefix}
      />
      <AccessFields access={access} onAccess={setAccess} prefix={`${prefix}-access`} />
      <div class="filter-grid">
        <Field
          label="Display order"
          name={`${prefix}-order`}
          type="number"
          value={order}
          onValue={setOrder}
        />
        <CheckboxField
          name={`${prefix}-searchable`}
          label="Searchable in the users list"
          checked={searchable}
          onChecked={setSearchable}
        />
        <CheckboxField
          name={`${prefix}-obsolete`}
          label="Obsolete"
          hint="Hidden from everyone but admins; stored values are kept."
          checked={obsolete}
          onChecked={setObsolete}
        />
      </div>
    </Form>
  );
}
