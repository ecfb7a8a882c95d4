import { isValidEmail, normalizeEmail } from '../../core/validation/email.js';
import type { OAuthProfile, OAuthProfileEmail } from '../extension-points/oauth-profile.js';

const MAX_EMAILS = 20;

/** Control characters (NUL above all) have no place in names or ids, and break SQLite's parser. */
function hasControlCharacter(value: string): boolean {
  for (const character of value) {
    const code = character.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function withoutControlCharacters(value: string): string {
  return [...value].filter((character) => !hasControlCharacter(character)).join('');
}

/**
 * Whatever a provider or a host mapper returns is untrusted: keep only well-formed values that fit
 * the columns, one entry per address. Null when there is no usable provider user id.
 */
export function sanitizeOAuthProfile(
  profile: OAuthProfile | null | undefined,
): OAuthProfile | null {
  if (!profile || typeof profile !== 'object') return null;
  const providerUserId =
    typeof profile.providerUserId === 'string' ? profile.providerUserId.trim() : '';
  if (providerUserId === '' || providerUserId.length > 255 || hasControlCharacter(providerUserId))
    return null;
  const byAddress = new Map<string, OAuthProfileEmail>();
  for (const entry of Array.isArray(profile.emails) ? profile.emails : []) {
    if (!entry || typeof entry.email !== 'string') continue;
    if (!isValidEmail(entry.email) || hasControlCharacter(entry.email)) continue;
    const key = normalizeEmail(entry.email);
    const seen = byAddress.get(key);
    byAddress.set(key, {
      email: seen?.email ?? entry.email.trim(),
      verified: (seen?.verified ?? false) || entry.verified === true,
      primary: (seen?.primary ?? false) || entry.primary === true,
    });
    if (byAddress.size >= MAX_EMAILS) break;
  }
  return {
    providerUserId,
    emails: [...byAddress.values()],
    displayName: text(profile.displayName, 200),
    firstName: text(profile.firstName, 200),
    lastName: text(profile.lastName, 200),
    picture: httpUrl(profile.picture),
  };
}

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = withoutControlCharacters(value).trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
}

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048 || hasControlCharacter(value)) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
