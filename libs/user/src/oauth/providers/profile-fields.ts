import type { PassportProfile as Profile } from '../extension-points/passport-profile.js';

/** A non-empty trimmed string, else null: provider JSON is untrusted input. */
export function stringOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function firstPhoto(profile: Profile): string | null {
  return stringOrNull(profile.photos?.[0]?.value);
}
