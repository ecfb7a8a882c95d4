/** RFC 5321 caps an address at 254 characters in practice; the pattern is deliberately plain. */
const EMAIL_PATTERN = /^[^\s@"'<>()[\]\\,;:]+@[^\s@"'<>()[\]\\,;:]+\.[^\s@"'<>()[\]\\,;:.]{2,}$/;
export const EMAIL_MAX_LENGTH = 254;

/** Trims; the normalized form is lower-cased so addresses compare case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  const trimmed = email.trim();
  return (
    trimmed.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(trimmed) && !trimmed.includes('..')
  );
}
