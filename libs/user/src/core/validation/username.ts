/** 3-64 characters of lower-case letters, digits, `_`, `.` and `-`, once lower-cased. */
const USERNAME_PATTERN = /^[a-z0-9_.-]{3,64}$/;

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;

/**
 * The form a username is stored and compared in: lower-cased (`Ada_L` is `ada_l`), so it is
 * unique case-insensitively. Null when it is not a valid username.
 */
export function normalizeUsername(input: string): string | null {
  const lower = input.toLowerCase();
  return USERNAME_PATTERN.test(lower) ? lower : null;
}
