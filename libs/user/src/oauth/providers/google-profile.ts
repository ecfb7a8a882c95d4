import type { OAuthProfile } from '../extension-points/oauth-profile.js';
import type { PassportProfile as Profile } from '../extension-points/passport-profile.js';
import { firstPhoto, stringOrNull } from './profile-fields.js';

/** Google: `email_verified` of the OpenID userinfo decides whether the address counts. */
export function mapGoogleProfile(profile: Profile): OAuthProfile {
  const json = ((profile as { _json?: unknown })._json ?? {}) as Record<string, unknown>;
  const email = stringOrNull(json.email);
  return {
    providerUserId: typeof json.sub === 'string' ? json.sub : '',
    emails: email ? [{ email, verified: json.email_verified === true, primary: true }] : [],
    displayName: stringOrNull(profile.displayName),
    firstName: stringOrNull(json.given_name),
    lastName: stringOrNull(json.family_name),
    picture: stringOrNull(json.picture) ?? firstPhoto(profile),
  };
}
