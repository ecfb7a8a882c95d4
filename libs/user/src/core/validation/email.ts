/** RFC 5321 caps an address at 254 characters in practice; the pattern is deliberately plain. */
const EMAIL_PATTERN = /^[^\s@"'<>()[\]\\,;:]+@[^\s@"'<>()[\]\\,;:]+\.[^\s@"'<>()[\]\\,;:.]{2,}$/;
export const EMAIL_MAX_LENGTH = 254;

/**
 * Characters that are invisible or reorder text: controls, format characters (zero-width space
 * and joiners, bidi marks and overrides, soft hyphen), surrogates, private-use and unassigned code
 * points, separators, and every default-ignorable code point (fillers, variation selectors). An
 * address holding one looks like another (`admin@example.com`) in lists and messages.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}\p{Default_Ignorable_Code_Point}]/u;

/**
 * The form an address is compared and stored in: trimmed, NFKC (fullwidth `ａｄｍｉｎ＠` is
 * `admin@`), lower-cased.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** The address as typed, trimmed and in NFKC: the form a new address is stored in. */
export function canonicalEmail(email: string): string {
  return email.trim().normalize('NFKC');
}

export function isValidEmail(email: string): boolean {
  const trimmed = email.trim();
  if (INVISIBLE.test(trimmed)) return false;
  const canonical = trimmed.normalize('NFKC');
  return (
    canonical.length <= EMAIL_MAX_LENGTH &&
    !INVISIBLE.test(canonical) &&
    EMAIL_PATTERN.test(canonical) &&
    !canonical.includes('..')
  );
}
