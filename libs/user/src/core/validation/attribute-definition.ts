import type {
  AttributeValidation,
  CustomAttributeType,
} from '../entities/attribute-definition.entity.js';
import { TEXT_MAX_LENGTH } from './attribute-values.js';

/** Authgear's rule: lowercase letters, digits and `_`; starts with a letter; no trailing `_`. */
export const ATTRIBUTE_NAME_PATTERN = /^[a-z](?:[a-z0-9_]*[a-z0-9])?$/;
export const ATTRIBUTE_NAME_MAX_LENGTH = 63;
/**
 * Fields declared in code may also be camelCase (`companyId`): the same rule with capitals after
 * the first letter. Every admin-made name matches it too, so it also checks names in paths.
 */
export const FIELD_NAME_PATTERN = /^[a-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$/;

export const CUSTOM_ATTRIBUTE_TYPES: readonly CustomAttributeType[] = [
  'string',
  'number',
  'integer',
  'enum',
  'phone',
  'email',
  'url',
  'country_code',
];

const ALLOWED_RULES: Record<CustomAttributeType, Array<keyof AttributeValidation>> = {
  string: ['minLength', 'maxLength', 'pattern', 'required'],
  number: ['min', 'max', 'required'],
  integer: ['min', 'max', 'required'],
  enum: ['enum', 'required'],
  phone: ['required'],
  email: ['required'],
  url: ['required'],
  country_code: ['required'],
};

export const ATTRIBUTE_LABEL_MAX_LENGTH = 100;

/**
 * Authgear's default display name: the name split at underscores, each word capitalised
 * (`my_string` → `My String`); a camelCase field is split at its capitals (`companyId` → `Company Id`).
 */
export function defaultAttributeLabel(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split('_')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}

const PATTERN_MAX_LENGTH = 200;
const ENUM_MAX_VALUES = 100;

/** Why a validation block does not fit its type, one phrase per problem (empty when it fits). */
export function validationProblems(
  type: CustomAttributeType,
  validation: AttributeValidation,
): string[] {
  const problems: string[] = [];
  const allowed = ALLOWED_RULES[type];
  for (const [rule, value] of Object.entries(validation)) {
    if (value === undefined) continue;
    if (!allowed.includes(rule as keyof AttributeValidation))
      problems.push(
        `validation.${rule} does not apply to type ${type}` +
          (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''),
      );
  }
  const { min, max, minLength, maxLength, pattern } = validation;
  if (min !== undefined && max !== undefined && min > max)
    problems.push('validation.min must not be greater than validation.max');
  if (type === 'integer') {
    for (const [rule, value] of [
      ['min', min],
      ['max', max],
    ] as const)
      if (value !== undefined && !Number.isSafeInteger(value))
        problems.push(`validation.${rule} must be an integer for type integer`);
  }
  for (const [rule, value] of [
    ['minLength', minLength],
    ['maxLength', maxLength],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > TEXT_MAX_LENGTH))
      problems.push(`validation.${rule} must be an integer from 0 to ${TEXT_MAX_LENGTH}`);
  }
  if (minLength !== undefined && maxLength !== undefined && minLength > maxLength)
    problems.push('validation.minLength must not be greater than validation.maxLength');
  if (pattern !== undefined) {
    if (pattern.length > PATTERN_MAX_LENGTH)
      problems.push(`validation.pattern must be at most ${PATTERN_MAX_LENGTH} characters`);
    else {
      try {
        new RegExp(pattern, 'u');
      } catch {
        problems.push('validation.pattern is not a valid regular expression');
      }
    }
  }
  if (type === 'enum') {
    const values = validation.enum;
    if (!values || values.length === 0)
      problems.push('validation.enum must list the allowed values for type enum');
    else if (values.length > ENUM_MAX_VALUES)
      problems.push(`validation.enum must have at most ${ENUM_MAX_VALUES} values`);
    else if (new Set(values).size !== values.length)
      problems.push('validation.enum must not repeat a value');
  }
  return problems;
}
