import type { PassportProfile } from './passport-profile.js';
import type { OAuthProfile } from './oauth-profile.js';

/** What the mapper sees: the provider's name, passport's profile, and the provider's own mapping. */
export interface OAuthProfileMapperInput {
  provider: string;
  profile: PassportProfile;
  /** The registry's mapping for this provider (verified rules included). */
  mapped: OAuthProfile;
}

/**
 * Turns a provider's profile into what the library stores. The default returns the provider's own
 * mapping; a host replaces it with option `oauthProfileMapper` (e.g. to take the GitHub login as the
 * display name). Whatever it returns is still checked and trimmed to the stored lengths.
 */
export interface OAuthProfileMapper {
  map(input: OAuthProfileMapperInput): OAuthProfile | Promise<OAuthProfile>;
}

export const OAuthProfileMapper = Symbol('OAuthProfileMapper');

export const DEFAULT_OAUTH_PROFILE_MAPPER: OAuthProfileMapper = {
  map: ({ mapped }) => mapped,
};
