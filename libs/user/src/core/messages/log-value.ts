/**
 * Controls (C0, DEL, C1), format characters (bidi overrides, zero-width) and line separators:
 * raw in a log line they forge lines, colour terminals or reorder what an operator reads.
 */
const UNSAFE_IN_LOG = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** A value to interpolate in a log line, with every unsafe character written as \u{…}. */
export function logValue(value: unknown): string {
  return String(value).replace(
    UNSAFE_IN_LOG,
    (character) => `\\u{${character.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
}
