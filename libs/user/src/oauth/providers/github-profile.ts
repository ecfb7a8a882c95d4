import type { OAuthProfile, OAuthProfileEmail } from '../extension-points/oauth-profile.js';
import type { PassportProfile as Profile } from '../extension-points/passport-profile.js';
import { firstPhoto, stringOrNull } from './profile-fields.js';

/**
 * GitHub: only an address that is both `primary` and `verified` on GitHub's emails endpoint counts
 * as verified; the public `email` of /user proves nothing.
 */
export function mapGitHubProfile(profile: Profile): OAuthProfile {
  const json = ((profile as { _json?: unknown })._json ?? {}) as Record<string, unknown>;
  const emails: OAuthProfileEmail[] = [];
  for (const entry of (profile.emails ?? []) as Array<Record<string, unknown>>) {
    const email = stringOrNull(entry.value);
    if (!email) continue;
    const primary = entry.primary === true;
    emails.push({ email, primary, verified: primary && entry.verified === true });
  }
  const name = stringOrNull(profile.displayName);
  return {
    providerUserId: idOf(json.id),
    emails,
    displayName: name ?? stringOrNull(profile.username),
    firstName: null,
    lastName: null,
    picture: stringOrNull(json.avatar_url) ?? firstPhoto(profile),
  };
}

/** GitHub's numeric user id; anything else is no id (the sign-in is then refused). */
function idOf(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' ? value : '';
}
