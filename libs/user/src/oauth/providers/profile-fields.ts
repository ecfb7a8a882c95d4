/** A non-empty trimmed string, else null: provider JSON is untrusted input. */
export function stringOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A JSON object's fields, or none: `documents.profile.data` of a provider that sent garbage is `{}`. */
export function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** An array's items, or none. */
export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * A provider user id: a string as it is, a number (GitHub, GitLab, HubSpot) as its decimal digits
 * when it is a safe integer; anything else is no id (the sign-in is then refused).
 */
export function idOf(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' ? value : '';
}

/** One address, or none. */
export function singleEmail(value: unknown, verified: boolean) {
  const email = stringOrNull(value);
  return email ? [{ email, verified, primary: true }] : [];
}
