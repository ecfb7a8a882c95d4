import { useState } from 'preact/hooks';
import { Field, Form } from '../components/index.js';
import { adminApi, type AttributeType, type CustomAttributeResponse } from './api.js';
import {
  AccessFields,
  RuleFields,
  ruleTextsOf,
  validationOf,
  type Access,
  type RuleTexts,
} from './attribute-fields.js';
import { CheckboxField } from './fields.js';

/** Everything but name and type: rules (replaced whole), access, order, searchable, obsolete. */
export function AttributeEdit(props: {
  attribute: CustomAttributeResponse;
  onSaved: (saved: CustomAttributeResponse) => void;
}) {
  const { attribute } = props;
  const prefix = `edit-${attribute.name}`;
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
        const saved = await adminApi.updateAttribute(attribute.name, {
          validation,
          access,
          searchable,
          obsolete,
          ...(order.trim() ? { order: Number(order) } : {}),
        });
        props.onSaved(saved as CustomAttributeResponse);
        return `${attribute.name} saved.`;
      }}
    >
      <RuleFields
        type={attribute.type as AttributeType}
        texts={rules}
        problems={problems}
        onTexts={setRules}
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
