import type { OAuthProfile } from '../../extension-points/oauth-profile.js';
import { idOf, singleEmail, stringOrNull } from '../profile-fields.js';

/**
 * OpenID Connect standard claims (userinfo or ID token) → profile. The address counts as verified
 * only when `emailVerified` says so (each provider decides what that is).
 */
export function mapOpenIdClaims(
  claims: Record<string, unknown>,
  emailVerified: boolean,
): OAuthProfile {
  const given = stringOrNull(claims.given_name);
  const family = stringOrNull(claims.family_name);
  return {
    providerUserId: idOf(claims.sub),
    emails: singleEmail(claims.email, emailVerified),
    displayName: stringOrNull(claims.name) ?? ([given, family].filter(Boolean).join(' ') || null),
    firstName: given,
    lastName: family,
    picture: stringOrNull(claims.picture),
  };
}

/** `email_verified` as OpenID Connect says (a boolean); Apple also sends the string "true". */
export function claimsSayVerified(value: unknown, acceptString = false): boolean {
  return value === true || (acceptString && value === 'true');
}
