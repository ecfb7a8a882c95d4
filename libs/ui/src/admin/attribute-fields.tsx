// Pieces shared by "define an attribute" and "edit an attribute": the access per party and the
// validation rules that fit the type (the API refuses rules of another type, with the reason).
import { Field } from '../components/index.js';
import {
  ACCESS_LEVELS,
  PARTIES,
  type AccessLevel,
  type AttributeParty,
  type AttributeType,
  type Json,
} from './api.js';
import { CheckboxField, SelectField, TextAreaField } from './fields.js';

export type Access = Record<AttributeParty, AccessLevel>;

export const PARTY_LABELS: Record<AttributeParty, string> = {
  admin: 'Admins',
  bearer: 'Apps (userinfo)',
  endUser: 'The user (profile)',
};

const LEVEL_LABELS: Record<AccessLevel, string> = {
  hidden: 'Hidden',
  readonly: 'Read only',
  editable: 'Editable',
};

export const LEVEL_OPTIONS = ACCESS_LEVELS.map((level) => ({
  value: level,
  label: LEVEL_LABELS[level],
}));

export function levelLabel(level: AccessLevel): string {
  return LEVEL_LABELS[level] ?? level;
}

export function AccessFields(props: {
  access: Access;
  onAccess: (access: Access) => void;
  prefix: string;
}) {
  return (
    <fieldset class="access-fields">
      <legend>Who may see or change it</legend>
      {PARTIES.map((party) => (
        <SelectField
          key={party}
          label={PARTY_LABELS[party]}
          name={`${props.prefix}-${party}`}
          value={props.access[party]}
          options={LEVEL_OPTIONS}
          onValue={(value) => props.onAccess({ ...props.access, [party]: value as AccessLevel })}
        />
      ))}
    </fieldset>
  );
}

/** The rule inputs as text, keyed by rule name (`enum` holds one value per line). */
export type RuleTexts = Partial<
  Record<'min' | 'max' | 'minLength' | 'maxLength' | 'pattern' | 'enum', string>
>;

const RULES_OF: Record<AttributeType, Array<keyof RuleTexts>> = {
  string: ['minLength', 'maxLength', 'pattern'],
  number: ['min', 'max'],
  integer: ['min', 'max'],
  enum: ['enum'],
  phone: [],
  email: [],
  url: [],
  country_code: [],
};

const RULE_LABELS: Record<keyof RuleTexts, string> = {
  min: 'Smallest value',
  max: 'Largest value',
  minLength: 'Fewest characters',
  maxLength: 'Most characters',
  pattern: 'Pattern (regular expression)',
  enum: 'Allowed values (one per line)',
};

export function ruleTextsOf(validation: Record<string, unknown>): RuleTexts {
  const texts: RuleTexts = {};
  for (const [rule, value] of Object.entries(validation)) {
    if (value === undefined || value === null || rule === 'required') continue;
    texts[rule as keyof RuleTexts] = Array.isArray(value) ? value.join('\n') : String(value);
  }
  return texts;
}

/** The validation block to send, or the problems found before sending (keyed by rule). */
export function validationOf(
  type: AttributeType,
  texts: RuleTexts,
): { validation: Json; problems: RuleTexts } {
  const validation: Json = {};
  const problems: RuleTexts = {};
  for (const rule of RULES_OF[type]) {
    const text = (texts[rule] ?? '').trim();
    if (text === '') continue;
    if (rule === 'pattern') validation.pattern = text;
    else if (rule === 'enum')
      validation.enum = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    else {
      const number = Number(text);
      if (Number.isFinite(number)) validation[rule] = number;
      else problems[rule] = `${RULE_LABELS[rule]} must be a number`;
    }
  }
  return { validation, problems };
}

export function describeRules(type: string, validation: Record<string, unknown>): string {
  const parts = Object.entries(validation)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([rule, value]) =>
      Array.isArray(value) ? `${rule}: ${value.join(', ')}` : `${rule}: ${String(value)}`,
    );
  return parts.length ? parts.join('; ') : type === 'enum' ? 'no values' : 'no rules';
}

export function RuleFields(props: {
  type: AttributeType;
  texts: RuleTexts;
  problems: RuleTexts;
  onTexts: (texts: RuleTexts) => void;
  prefix: string;
}) {
  const rules = RULES_OF[props.type];
  if (rules.length === 0)
    return (
      <p class="hint">Values of type {props.type} are checked by their format; no rules to set.</p>
    );
  return (
    <fieldset class="rule-fields">
      <legend>Rules</legend>
      {rules.map((rule) =>
        rule === 'enum' ? (
          <TextAreaField
            key={rule}
            label={RULE_LABELS[rule]}
            name={`${props.prefix}-${rule}`}
            rows={4}
            value={props.texts[rule] ?? ''}
            error={props.problems[rule]}
            onValue={(value) => props.onTexts({ ...props.texts, [rule]: value })}
          />
        ) : (
          <Field
            key={rule}
            label={RULE_LABELS[rule]}
            name={`${props.prefix}-${rule}`}
            type={rule === 'pattern' ? 'text' : 'number'}
            value={props.texts[rule] ?? ''}
            error={props.problems[rule]}
            onValue={(value) => props.onTexts({ ...props.texts, [rule]: value })}
          />
        ),
      )}
    </fieldset>
  );
}

/** `fillMissingWith` as the API takes it: numbers for the number types, else the text. */
export function fillValueOf(type: AttributeType, text: string): string | number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (type === 'number' || type === 'integer') {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  return value;
}

/**
 * The `required` rule, and the value users without one get when it is turned on (the API
 * refuses to turn it on while any user lacks a value and none is given).
 */
export function RequiredFields(props: {
  required: boolean;
  onRequired: (required: boolean) => void;
  fill: string;
  onFill: (fill: string) => void;
  prefix: string;
}) {
  return (
    <div class="filter-grid">
      <CheckboxField
        name={`${props.prefix}-required`}
        label="Required"
        hint="Sign-up and admin-made users must give it; nobody can clear it."
        checked={props.required}
        onChecked={props.onRequired}
      />
      <Field
        label="Value for users without one"
        name={`${props.prefix}-fill`}
        value={props.fill}
        onValue={props.onFill}
        hint="Given to every user that has none, when saved. Needed to make it required while users lack it."
      />
    </div>
  );
}
