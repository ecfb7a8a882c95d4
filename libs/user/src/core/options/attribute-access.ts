/** Who reads or writes a user's attributes: the admin API, the app holding the user's token, the user. */
export type AttributeParty = 'admin' | 'bearer' | 'endUser';

export const ATTRIBUTE_PARTIES: readonly AttributeParty[] = ['admin', 'bearer', 'endUser'];

/** hidden: neither read nor written; readonly: read; editable: read and written. */
export type AccessLevel = 'hidden' | 'readonly' | 'editable';

export const ACCESS_LEVELS: readonly AccessLevel[] = ['hidden', 'readonly', 'editable'];

export type AttributeAccess = Record<AttributeParty, AccessLevel>;

export function isAccessLevel(value: unknown): value is AccessLevel {
  return typeof value === 'string' && (ACCESS_LEVELS as readonly string[]).includes(value);
}

/** Custom attributes start visible to admins only; an admin (or the declaring code) opens them. */
export const DEFAULT_CUSTOM_ACCESS: AttributeAccess = {
  admin: 'editable',
  bearer: 'hidden',
  endUser: 'hidden',
};
