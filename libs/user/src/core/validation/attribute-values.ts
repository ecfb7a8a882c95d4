import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type {
  AttributeValidation,
  CustomAttributeType,
} from '../entities/attribute-definition.entity.js';
import type { StandardAttributeName } from '../options/standard-attributes.js';
import { COUNTRY_CODES } from './country-codes.js';
import { isValidEmail } from './email.js';

/** The stored form of an accepted value, or why it is refused (a phrase after the field name). */
export type ValueCheck = { ok: true; value: unknown } | { ok: false; problem: string };

const accept = (value: unknown): ValueCheck => ({ ok: true, value });
const refuse = (problem: string): ValueCheck => ({ ok: false, problem });

export const TEXT_MAX_LENGTH = 1000;
const NAME_MAX_LENGTH = 200;
const URL_MAX_LENGTH = 2048;
const ADDRESS_FIELDS = [
  'formatted',
  'street_address',
  'locality',
  'region',
  'postal_code',
  'country',
] as const;

function checkText(value: unknown, maxLength: number): ValueCheck {
  if (typeof value !== 'string') return refuse('must be a string');
  if (value.trim().length === 0) return refuse('must not be empty');
  if (value.length > maxLength) return refuse(`must be at most ${maxLength} characters`);
  return accept(value);
}

export function checkHttpUrl(value: unknown): ValueCheck {
  if (typeof value !== 'string') return refuse('must be a string');
  if (value.length > URL_MAX_LENGTH) return refuse(`must be at most ${URL_MAX_LENGTH} characters`);
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname)
      return accept(value);
  } catch {
    // not a URL
  }
  return refuse('must be an absolute http(s) URL');
}

/** YYYY-MM-DD naming a day that exists (no 2023-02-29) and is not in the future. */
export function checkBirthdate(value: unknown, today = new Date()): ValueCheck {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    return refuse('must be a date as YYYY-MM-DD');
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  if (
    year < 1 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return refuse('must be a real calendar date');
  if (value > today.toISOString().slice(0, 10)) return refuse('must not be in the future');
  return accept(value);
}

let timeZones: Set<string> | undefined;

/** An IANA zone name the runtime knows (aliases such as Asia/Kolkata included). */
export function checkZoneinfo(value: unknown): ValueCheck {
  if (typeof value !== 'string' || value.length > 64) return refuse('must be an IANA time zone');
  timeZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (timeZones.has(value)) return accept(value);
  // Offsets ("+01:00") and abbreviations ("EST") resolve too, but are not IANA names.
  if (/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(value)) {
    try {
      const resolved = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions()
        .timeZone;
      if (timeZones.has(resolved)) return accept(value);
    } catch {
      // unknown zone
    }
  }
  return refuse('must be an IANA time zone such as Europe/Paris');
}

/** A well-formed BCP 47 tag, stored in its canonical case (en-us → en-US). */
export function checkLocale(value: unknown): ValueCheck {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64)
    return refuse('must be a BCP 47 language tag');
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (canonical) return accept(canonical);
  } catch {
    // malformed tag
  }
  return refuse('must be a BCP 47 language tag such as en-US');
}

function checkAddress(value: unknown): ValueCheck {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return refuse(`must be an object with ${ADDRESS_FIELDS.join(', ')}`);
  const address: Record<string, string> = {};
  for (const [key, part] of Object.entries(value)) {
    if (!(ADDRESS_FIELDS as readonly string[]).includes(key))
      return refuse(`has an unknown field "${key}" (allowed: ${ADDRESS_FIELDS.join(', ')})`);
    if (typeof part !== 'string' || part.length > 500)
      return refuse(`.${key} must be a string of at most 500 characters`);
    address[key] = part;
  }
  return accept(address);
}

function checkGender(value: unknown): ValueCheck {
  return checkText(value, 100);
}

const STANDARD_CHECKS: Record<StandardAttributeName, (value: unknown) => ValueCheck> = {
  name: (value) => checkText(value, NAME_MAX_LENGTH),
  given_name: (value) => checkText(value, NAME_MAX_LENGTH),
  family_name: (value) => checkText(value, NAME_MAX_LENGTH),
  middle_name: (value) => checkText(value, NAME_MAX_LENGTH),
  nickname: (value) => checkText(value, NAME_MAX_LENGTH),
  preferred_username: (value) => checkText(value, NAME_MAX_LENGTH),
  profile: checkHttpUrl,
  picture: checkHttpUrl,
  website: checkHttpUrl,
  gender: checkGender,
  birthdate: (value) => checkBirthdate(value),
  zoneinfo: checkZoneinfo,
  locale: checkLocale,
  address: checkAddress,
};

/** `null` always passes: it clears the attribute. */
export function checkStandardValue(name: StandardAttributeName, value: unknown): ValueCheck {
  return value === null ? accept(null) : STANDARD_CHECKS[name](value);
}

function checkNumberRange(value: number, validation: AttributeValidation): ValueCheck {
  if (validation.min !== undefined && value < validation.min)
    return refuse(`must be at least ${validation.min}`);
  if (validation.max !== undefined && value > validation.max)
    return refuse(`must be at most ${validation.max}`);
  return accept(value);
}

function checkString(value: unknown, validation: AttributeValidation): ValueCheck {
  if (typeof value !== 'string') return refuse('must be a string');
  const maxLength = validation.maxLength ?? TEXT_MAX_LENGTH;
  if (validation.minLength !== undefined && value.length < validation.minLength)
    return refuse(`must be at least ${validation.minLength} characters`);
  if (value.length > maxLength) return refuse(`must be at most ${maxLength} characters`);
  if (validation.pattern !== undefined && !new RegExp(validation.pattern, 'u').test(value))
    return refuse(`must match the pattern ${validation.pattern}`);
  return accept(value);
}

/** A custom attribute value against its type and validation; `null` clears it. */
export function checkCustomValue(
  type: CustomAttributeType,
  validation: AttributeValidation,
  value: unknown,
): ValueCheck {
  if (value === null) return accept(null);
  switch (type) {
    case 'string':
      return checkString(value, validation);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return refuse('must be a number');
      return checkNumberRange(value, validation);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        return refuse('must be an integer');
      return checkNumberRange(value, validation);
    case 'enum':
      if (typeof value !== 'string' || !(validation.enum ?? []).includes(value))
        return refuse(`must be one of ${(validation.enum ?? []).join(', ')}`);
      return accept(value);
    case 'phone': {
      if (typeof value !== 'string' || value.length > 40)
        return refuse('must be a phone number in E.164 form (+14155550123)');
      const phone = parsePhoneNumberFromString(value);
      if (!phone?.isValid()) return refuse('must be a valid phone number in E.164 form');
      return accept(phone.number);
    }
    case 'email':
      if (typeof value !== 'string' || !isValidEmail(value))
        return refuse('must be an email address');
      return accept(value.trim());
    case 'url':
      return checkHttpUrl(value);
    case 'country_code':
      if (typeof value !== 'string' || !COUNTRY_CODES.has(value))
        return refuse('must be an ISO 3166-1 alpha-2 country code such as DE');
      return accept(value);
  }
}
