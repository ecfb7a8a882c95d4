import type {
  AttributeValidation,
  CustomAttributeType,
} from '../entities/attribute-definition.entity.js';
import {
  ATTRIBUTE_LABEL_MAX_LENGTH,
  ATTRIBUTE_NAME_MAX_LENGTH,
  CUSTOM_ATTRIBUTE_TYPES,
  FIELD_NAME_PATTERN,
  validationProblems,
} from '../validation/attribute-definition.js';
import {
  ATTRIBUTE_PARTIES,
  DEFAULT_CUSTOM_ACCESS,
  isAccessLevel,
  type AttributeAccess,
  type AttributeParty,
} from './attribute-access.js';
import { isStandardAttributeName } from './standard-attributes.js';
import type { CustomAttributeDefinition } from '../services/attribute-schema.js';
import type { UserFieldDeclarations } from './user-fields.js';

/** A declared field as the profile schema stores it. */
export type ResolvedUserField = Pick<
  CustomAttributeDefinition,
  'name' | 'type' | 'validation' | 'access' | 'order' | 'searchable'
> & { label: string | null };

const COMMON_KEYS = ['type', 'access', 'order', 'searchable', 'label', 'required'];

/** The declaration's keys that become validation rules, by type (`values` is the enum's list). */
const RULE_KEYS: Record<CustomAttributeType, string[]> = {
  string: ['minLength', 'maxLength', 'pattern'],
  number: ['min', 'max'],
  integer: ['min', 'max'],
  enum: ['values'],
  phone: [],
  email: [],
  url: [],
  country_code: [],
};

const ORDER_LIMIT = 1_000_000;
const ENUM_VALUE_MAX_LENGTH = 100;

/** The validation block of one declaration; wrong value types are added to `problems`. */
function validationOf(
  label: string,
  declaration: Record<string, unknown>,
  problems: string[],
): AttributeValidation {
  const validation: AttributeValidation = {};
  for (const rule of ['min', 'max'] as const) {
    const value = declaration[rule];
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isFinite(value)) validation[rule] = value;
    else problems.push(`${label}.${rule} must be a finite number`);
  }
  for (const rule of ['minLength', 'maxLength'] as const) {
    const value = declaration[rule];
    if (value === undefined) continue;
    if (typeof value === 'number') validation[rule] = value;
    else problems.push(`${label}.${rule} must be an integer`);
  }
  if (declaration.pattern !== undefined) {
    if (typeof declaration.pattern === 'string') validation.pattern = declaration.pattern;
    else problems.push(`${label}.pattern must be a string`);
  }
  if (declaration.values !== undefined) {
    const values = declaration.values;
    if (
      Array.isArray(values) &&
      values.every(
        (value) =>
          typeof value === 'string' && value.length > 0 && value.length <= ENUM_VALUE_MAX_LENGTH,
      )
    )
      validation.enum = [...(values as string[])];
    else
      problems.push(
        `${label}.values must be a list of strings of 1 to ${ENUM_VALUE_MAX_LENGTH} characters`,
      );
  }
  return validation;
}

function accessOf(
  label: string,
  declared: unknown,
  problems: string[],
): AttributeAccess | undefined {
  if (declared === undefined) return { ...DEFAULT_CUSTOM_ACCESS };
  if (declared === null || typeof declared !== 'object' || Array.isArray(declared)) {
    problems.push(`${label}.access must be an object of admin, bearer and endUser levels`);
    return undefined;
  }
  const access = { ...DEFAULT_CUSTOM_ACCESS };
  for (const [party, level] of Object.entries(declared)) {
    if (!(ATTRIBUTE_PARTIES as readonly string[]).includes(party) || !isAccessLevel(level)) {
      problems.push(
        `${label}.access.${party} must be "hidden", "readonly" or "editable" for admin, bearer or endUser`,
      );
      continue;
    }
    access[party as AttributeParty] = level;
  }
  return access;
}

/** The host's declared fields, checked; problems are added to the list. */
export function resolveFieldOptions(
  fields: UserFieldDeclarations | undefined,
  problems: string[],
): ResolvedUserField[] {
  if (fields === undefined) return [];
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    problems.push('fields must be an object of field declarations by name');
    return [];
  }
  const resolved: ResolvedUserField[] = [];
  for (const [name, declaration] of Object.entries(fields)) {
    const label = `fields.${name}`;
    if (name.length > ATTRIBUTE_NAME_MAX_LENGTH || !FIELD_NAME_PATTERN.test(name)) {
      problems.push(
        `${label}: a field name is letters, digits and underscores (camelCase or snake_case), starts with a lowercase letter, does not end with _ and has at most ${ATTRIBUTE_NAME_MAX_LENGTH} characters`,
      );
      continue;
    }
    if (isStandardAttributeName(name)) {
      problems.push(`${label}: ${name} is an OIDC standard attribute, not a field of the host's`);
      continue;
    }
    if (declaration === null || typeof declaration !== 'object' || Array.isArray(declaration)) {
      problems.push(`${label} must be an object with a type`);
      continue;
    }
    const entries = declaration as unknown as Record<string, unknown>;
    const type = entries.type as CustomAttributeType;
    if (!CUSTOM_ATTRIBUTE_TYPES.includes(type)) {
      problems.push(`${label}.type must be one of ${CUSTOM_ATTRIBUTE_TYPES.join(', ')}`);
      continue;
    }
    const before = problems.length;
    for (const key of Object.keys(entries)) {
      if (!COMMON_KEYS.includes(key) && !RULE_KEYS[type].includes(key))
        problems.push(
          `${label}.${key} does not apply to type ${type}` +
            (RULE_KEYS[type].length ? ` (allowed: ${RULE_KEYS[type].join(', ')})` : ''),
        );
    }
    const validation = validationOf(label, entries, problems);
    if (type === 'enum' && entries.values === undefined)
      problems.push(`${label}.values must list the allowed values of type enum`);
    else if (problems.length === before)
      for (const problem of validationProblems(type, validation))
        problems.push(
          `${label}.${problem.replace(/validation\.enum/g, 'values').replace(/validation\./g, '')}`,
        );
    const access = accessOf(label, entries.access, problems);
    const order = entries.order ?? 0;
    if (!Number.isInteger(order) || Math.abs(order as number) > ORDER_LIMIT)
      problems.push(`${label}.order must be an integer from -${ORDER_LIMIT} to ${ORDER_LIMIT}`);
    const searchable = entries.searchable ?? false;
    if (typeof searchable !== 'boolean') problems.push(`${label}.searchable must be a boolean`);
    const required = entries.required ?? false;
    if (typeof required !== 'boolean') problems.push(`${label}.required must be a boolean`);
    else if (required) validation.required = true;
    const displayLabel = entries.label ?? null;
    if (
      displayLabel !== null &&
      (typeof displayLabel !== 'string' ||
        displayLabel.trim() === '' ||
        displayLabel.length > ATTRIBUTE_LABEL_MAX_LENGTH)
    )
      problems.push(
        `${label}.label must be a text of 1 to ${ATTRIBUTE_LABEL_MAX_LENGTH} characters`,
      );
    if (problems.length > before || !access) continue;
    resolved.push({
      name,
      type,
      validation,
      access,
      order: order as number,
      searchable: searchable as boolean,
      label: displayLabel as string | null,
    });
  }
  return resolved;
}
