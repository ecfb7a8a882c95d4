import { useState } from 'preact/hooks';
import { Field, Form } from '../components/index.js';
import {
  adminApi,
  ATTRIBUTE_TYPES,
  type AttributeType,
  type CustomAttributeResponse,
} from './api.js';
import {
  AccessFields,
  fillValueOf,
  RequiredFields,
  RuleFields,
  validationOf,
  type Access,
  type RuleTexts,
} from './attribute-fields.js';
import { CheckboxField, SelectField } from './fields.js';

// The API's defaults for a new attribute: only admins see it until access is opened.
const NEW_ACCESS: Access = { admin: 'editable', bearer: 'hidden', endUser: 'hidden' };

/** Define a custom attribute: name, label, type (fixed forever), rules, access, search, order. */
export function AttributeCreate(props: { onCreated: (created: CustomAttributeResponse) => void }) {
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [required, setRequired] = useState(false);
  const [fill, setFill] = useState('');
  const [type, setType] = useState<AttributeType>('string');
  const [rules, setRules] = useState<RuleTexts>({});
  const [problems, setProblems] = useState<RuleTexts>({});
  const [access, setAccess] = useState<Access>(NEW_ACCESS);
  const [searchable, setSearchable] = useState(false);
  const [order, setOrder] = useState('');
  const reset = () => {
    setName('');
    setLabel('');
    setRequired(false);
    setFill('');
    setRules({});
    setProblems({});
    setAccess(NEW_ACCESS);
    setSearchable(false);
    setOrder('');
  };
  return (
    <section class="panel" aria-labelledby="attribute-create">
      <h2 id="attribute-create">Define an attribute</h2>
      <Form
        label="Define an attribute"
        submitLabel="Define attribute"
        onSubmit={async () => {
          const { validation, problems: found } = validationOf(type, rules);
          setProblems(found);
          if (Object.keys(found).length) throw new Error('Fix the rules marked above.');
          const rulesSent = required ? { ...validation, required: true } : validation;
          const fillMissingWith = fillValueOf(type, fill);
          const created = await adminApi.createAttribute({
            name: name.trim(),
            type,
            access,
            searchable,
            ...(label.trim() ? { label: label.trim() } : {}),
            ...(Object.keys(rulesSent).length ? { validation: rulesSent } : {}),
            ...(fillMissingWith !== undefined ? { fillMissingWith } : {}),
            ...(order.trim() ? { order: Number(order) } : {}),
          });
          props.onCreated(created);
          reset();
          return `Attribute ${created.name} defined.`;
        }}
      >
        <div class="filter-grid">
          <Field
            label="Name"
            name="name"
            value={name}
            onValue={setName}
            required
            hint="Lowercase letters, digits and _; renaming later moves the stored values."
          />
          <Field
            label="Label"
            name="label"
            value={label}
            onValue={setLabel}
            hint="What the pages show; empty: the name in Title Case (my_string → My String)."
          />
          <SelectField
            label="Type"
            name="type"
            value={type}
            hint="It never changes either."
            options={ATTRIBUTE_TYPES.map((value) => ({ value, label: value.replace('_', ' ') }))}
            onValue={(value) => {
              setType(value as AttributeType);
              setProblems({});
            }}
          />
        </div>
        <RuleFields type={type} texts={rules} problems={problems} onTexts={setRules} prefix="new" />
        <RequiredFields
          required={required}
          onRequired={setRequired}
          fill={fill}
          onFill={setFill}
          prefix="new"
        />
        <AccessFields access={access} onAccess={setAccess} prefix="new-access" />
        <div class="filter-grid">
          <Field
            label="Display order"
            name="order"
            type="number"
            value={order}
            onValue={setOrder}
            hint="Smallest first"
          />
          <CheckboxField
            name="searchable"
            label="Searchable in the users list"
            checked={searchable}
            onChecked={setSearchable}
          />
        </div>
      </Form>
    </section>
  );
}
