import type { OAuthProfile } from '../extension-points/oauth-profile.js';
import type { PassportProfile } from '../extension-points/passport-profile.js';

/** What the callback hands the client: the code and the flow's secrets, derived from its state. */
export interface OAuthCallbackInput {
  code: string;
  codeVerifier: string | null;
  nonce: string;
  /** What a form-post provider sent besides code and state (Apple's `user`), else null. */
  callbackPayload: Record<string, unknown> | null;
}

/** The provider's profile as the host's OAuthProfileMapper sees it, and the provider's own mapping. */
export interface FetchedOAuthProfile {
  raw: PassportProfile;
  mapped: OAuthProfile;
}

/** One enabled provider's side of the round trip, whatever drives it (fetch or a passport strategy). */
export interface OAuthProviderClient {
  readonly pkce: boolean;
  readonly callbackUrl: string;
  /** The provider posts its callback as a form (Apple). */
  readonly formPost: boolean;
  authorizationUrl(state: string, codeChallenge: string | null, nonce: string): Promise<string>;
  /** Code → tokens → profile, all within the timeout; throws OAuthProviderError. */
  fetchProfile(input: OAuthCallbackInput): Promise<FetchedOAuthProfile>;
}
