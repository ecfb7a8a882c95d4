import type { OAuthProfileRequest } from '../../extension-points/oauth-provider-descriptor.js';
import type { OAuthProfile, OAuthProfileEmail } from '../../extension-points/oauth-profile.js';
import { arrayOf, idOf, objectOf, singleEmail, stringOrNull } from '../profile-fields.js';

/** The common profile request: one GET of the userinfo endpoint with the Bearer token. */
export async function fetchUserInfo({
  http,
  endpoints,
  accessToken,
}: OAuthProfileRequest): Promise<Record<string, unknown>> {
  return { profile: await http.getJson(endpoints.userInfoUrl!, { accessToken }) };
}

/** OpenID userinfo claims (Google, LinkedIn): `email_verified: true` decides. */
export function mapUserInfoClaims(documents: Record<string, unknown>): OAuthProfile {
  const claims = objectOf(documents.profile);
  return mapOpenIdClaims(claims, claimsSayVerified(claims.email_verified));
}

/**
 * A list of addresses with flags (GitHub's /user/emails, Bitbucket's `values`): only the one that
 * is both primary and confirmed by the provider counts as verified.
 */
export function primaryConfirmedEmails(
  items: unknown,
  flags: { primary: string; confirmed: string },
): OAuthProfileEmail[] {
  const emails: OAuthProfileEmail[] = [];
  for (const item of arrayOf(items)) {
    const entry = objectOf(item);
    const email = stringOrNull(entry.email);
    if (!email) continue;
    const primary = entry[flags.primary] === true;
    emails.push({ email, primary, verified: primary && entry[flags.confirmed] === true });
  }
  return emails;
}

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
