/** 3-64 ASCII letters (any case), digits, `_`, `.` and `-`. */
const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;

/**
 * The form a username is stored and compared in: lower-cased (`Ada_L` is `ada_l`), so it is
 * unique case-insensitively. Null when it is not a valid username. The input is checked before
 * lower-casing: a character that lower-cases into ASCII (the Kelvin sign `K` to `k`) is refused,
 * not folded.
 */
export function normalizeUsername(input: string): string | null {
  return USERNAME_PATTERN.test(input) ? input.toLowerCase() : null;
}
