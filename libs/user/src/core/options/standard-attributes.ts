import type { AttributeAccess } from './attribute-access.js';

/** The OIDC standard claims every user has (OpenID Connect Core 1.0, section 5.1). */
export const STANDARD_ATTRIBUTE_NAMES = [
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'address',
] as const;

export type StandardAttributeName = (typeof STANDARD_ATTRIBUTE_NAMES)[number];

export function isStandardAttributeName(name: unknown): name is StandardAttributeName {
  return typeof name === 'string' && (STANDARD_ATTRIBUTE_NAMES as readonly string[]).includes(name);
}

const EDITABLE: AttributeAccess = { admin: 'editable', bearer: 'readonly', endUser: 'editable' };
const HIDDEN: AttributeAccess = { admin: 'hidden', bearer: 'hidden', endUser: 'hidden' };
/** Coupled with a sign-in identifier in Authgear: shown, changed by admins only. */
const ADMIN_MANAGED: AttributeAccess = {
  admin: 'editable',
  bearer: 'readonly',
  endUser: 'readonly',
};

/**
 * Authgear's defaults (its "Editable" / "Hidden" column): an editable attribute is read and written
 * by admins and the user and read by bearers; a hidden one is off for every party until an admin
 * (or the module options) opens it.
 */
export const DEFAULT_STANDARD_ATTRIBUTE_ACCESS: Record<StandardAttributeName, AttributeAccess> = {
  // Hidden in Authgear; here it is the User object's displayName, which every view has shown.
  name: EDITABLE,
  given_name: EDITABLE,
  family_name: EDITABLE,
  middle_name: HIDDEN,
  nickname: HIDDEN,
  preferred_username: ADMIN_MANAGED,
  profile: HIDDEN,
  picture: EDITABLE,
  website: HIDDEN,
  gender: EDITABLE,
  birthdate: EDITABLE,
  zoneinfo: EDITABLE,
  locale: EDITABLE,
  address: HIDDEN,
};

/** Standard attributes stored in the user's own columns (the names of API.md's User object). */
export const STANDARD_ATTRIBUTE_COLUMNS = {
  name: 'displayName',
  given_name: 'firstName',
  family_name: 'lastName',
  picture: 'picture',
} as const satisfies Partial<Record<StandardAttributeName, string>>;
