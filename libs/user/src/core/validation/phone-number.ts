import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The E.164 form of a valid international number (`+` and country code required), else null.
 * The full metadata checks the number plan, not only the length.
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+') || trimmed.length > 32) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : null;
}
