import { useState } from 'preact/hooks';
import { Button, Field, Form, Notice, PageHeading } from '../components/index.js';
import type { RouteProps } from '../router.js';
import { AdminNav } from './admin-nav.js';
import {
  adminApi,
  PARTIES,
  type AttributeSchemaResponse,
  type CustomAttributeResponse,
  type StandardAttributeResponse,
} from './api.js';
import { AttributeCreate } from './attribute-create.js';
import { AttributeEdit } from './attribute-edit.js';
import {
  AccessFields,
  describeRules,
  levelLabel,
  PARTY_LABELS,
  type Access,
} from './attribute-fields.js';
import { useLoad } from './use-load.js';

/** The profile schema: custom attributes (define, edit, mark obsolete) and standard access. */
export function AttributesPage(_props: RouteProps) {
  const schema = useLoad(() => adminApi.getSchema(), 'schema');
  const data = schema.data;
  // A rename answers under the new name: the entry saved under `previousName` is replaced.
  const replaceCustom = (saved: CustomAttributeResponse, previousName = saved.name) =>
    data &&
    schema.setData({
      ...data,
      custom: data.custom.some((a) => a.name === previousName)
        ? data.custom.map((a) => (a.name === previousName ? saved : a))
        : [...data.custom, saved],
    });
  return (
    <section class="admin">
      <AdminNav current="attributes" />
      <PageHeading>Attributes</PageHeading>
      <p class="lead">
        The profile schema: attributes you define, and who may read or change each attribute.
      </p>
      {schema.error && <Notice kind="error">{schema.error}</Notice>}
      {schema.loading && !data && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {data && (
        <>
          <CustomAttributes custom={data.custom} onSaved={replaceCustom} />
          <AttributeCreate onCreated={replaceCustom} />
          <StandardAttributes
            standard={data.standard}
            onSaved={(saved) =>
              schema.setData({
                ...(data as AttributeSchemaResponse),
                standard: data.standard.map((a) => (a.name === saved.name ? saved : a)),
              })
            }
          />
        </>
      )}
    </section>
  );
}

function AccessSummary({ access }: { access: Access }) {
  return (
    <dl class="access-summary">
      {PARTIES.map((party) => (
        <div key={party}>
          <dt>{PARTY_LABELS[party]}</dt>
          <dd>{levelLabel(access[party])}</dd>
        </div>
      ))}
    </dl>
  );
}

function CustomAttributes(props: {
  custom: CustomAttributeResponse[];
  onSaved: (saved: CustomAttributeResponse, previousName: string) => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const sorted = [...props.custom].sort(
    (a, b) => a.order - b.order || a.name.localeCompare(b.name),
  );
  return (
    <section class="panel" aria-labelledby="custom-attributes">
      <h2 id="custom-attributes">Custom attributes</h2>
      {sorted.length === 0 && <p>None defined yet.</p>}
      <ul class="attribute-list">
        {sorted.map((attribute) => (
          <li key={attribute.name} class={attribute.obsolete ? 'obsolete' : undefined}>
            <div class="attribute-head">
              <h3>
                <span class="attribute-label">{attribute.label}</span>
                <span class="mono">{attribute.name}</span>
                <span class="badge">{attribute.type}</span>
                {attribute.validation.required === true && <span class="badge">required</span>}
                {attribute.searchable && <span class="badge">searchable</span>}
                {attribute.obsolete && <span class="badge badge-warn">obsolete</span>}
                {attribute.declared && <span class="badge">declared in code</span>}
              </h3>
              {/* A field declared in the host's code changes there: the API refuses edits (409). */}
              {!attribute.declared && (
                <Button
                  kind="link"
                  label={`${editing === attribute.name ? 'Close' : 'Edit'} ${attribute.name}`}
                  onClick={() => setEditing(editing === attribute.name ? null : attribute.name)}
                >
                  {editing === attribute.name ? 'Close' : 'Edit'}
                </Button>
              )}
            </div>
            <p class="hint">Rules: {describeRules(attribute.type, attribute.validation)}</p>
            {attribute.previousNames.length > 0 && (
              <p class="hint">Formerly: {attribute.previousNames.join(', ')}</p>
            )}
            <AccessSummary access={attribute.access} />
            {editing === attribute.name && (
              <AttributeEdit
                attribute={attribute}
                onSaved={(saved, previousName) => {
                  props.onSaved(saved, previousName);
                  // Renamed: the form follows the attribute to its new name.
                  if (saved.name !== previousName) setEditing(saved.name);
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function StandardAttributes(props: {
  standard: StandardAttributeResponse[];
  onSaved: (saved: StandardAttributeResponse) => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section class="panel" aria-labelledby="standard-attributes">
      <h2 id="standard-attributes">Standard attributes</h2>
      <p class="hint">
        The OpenID Connect claims: who may see or change them, and the label the pages show.
      </p>
      <div class="table-wrap">
        <table role="table" class="admin-table standard-table">
          <caption class="visually-hidden">Standard attributes and their access</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">
                Attribute
              </th>
              {PARTIES.map((party) => (
                <th role="columnheader" key={party} scope="col">
                  {PARTY_LABELS[party]}
                </th>
              ))}
              <th role="columnheader" scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {props.standard.map((attribute) => [
              <tr role="row" key={attribute.name}>
                <th role="rowheader" scope="row" data-label="Attribute">
                  <span class="attribute-label">{attribute.label}</span>{' '}
                  <span class="mono">{attribute.name}</span>
                </th>
                {PARTIES.map((party) => (
                  <td role="cell" key={party} data-label={PARTY_LABELS[party]}>
                    {levelLabel(attribute.access[party])}
                  </td>
                ))}
                <td role="cell" class="row-action">
                  <Button
                    kind="link"
                    label={`${editing === attribute.name ? 'Close' : 'Edit'} access of ${attribute.name}`}
                    onClick={() => setEditing(editing === attribute.name ? null : attribute.name)}
                  >
                    {editing === attribute.name ? 'Close' : 'Edit access'}
                  </Button>
                </td>
              </tr>,
              editing === attribute.name && (
                <tr role="row" key={`${attribute.name}-edit`} class="edit-row">
                  <td role="cell" colSpan={PARTIES.length + 2}>
                    <StandardAccessForm attribute={attribute} onSaved={props.onSaved} />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function StandardAccessForm(props: {
  attribute: StandardAttributeResponse;
  onSaved: (saved: StandardAttributeResponse) => void;
}) {
  const [access, setAccess] = useState<Access>(props.attribute.access);
  const [label, setLabel] = useState(props.attribute.label);
  return (
    <Form
      label={`Access of ${props.attribute.name}`}
      submitLabel={`Save ${props.attribute.name}`}
      class="attribute-edit"
      onSubmit={async () => {
        const saved = await adminApi.updateAttribute(props.attribute.name, {
          access,
          ...(label.trim() !== props.attribute.label ? { label: label.trim() || null } : {}),
        });
        props.onSaved(saved as StandardAttributeResponse);
        return `Access of ${props.attribute.name} saved.`;
      }}
    >
      <Field
        label="Label"
        name={`standard-${props.attribute.name}-label`}
        value={label}
        onValue={setLabel}
        hint="Empty: the name in Title Case."
      />
      <AccessFields
        access={access}
        onAccess={setAccess}
        prefix={`standard-${props.attribute.name}`}
      />
    </Form>
  );
}
