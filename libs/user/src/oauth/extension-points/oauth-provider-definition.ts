import type { PassportProfile } from './passport-profile.js';
import type { OAuthProfile } from './oauth-profile.js';

type OAuthCallback = (
  error: unknown,
  accessToken?: string,
  refreshToken?: string,
  results?: Record<string, unknown>,
) => void;

/**
 * The parts of a passport-oauth2 strategy the library drives itself (every strategy built on
 * passport-oauth2 has them): the authorization URL, the code exchange, and the profile fetch.
 */
export interface OAuth2StrategyLike {
  _oauth2: {
    getAuthorizeUrl(params: Record<string, string>): string;
    getOAuthAccessToken(
      code: string,
      params: Record<string, string>,
      callback: OAuthCallback,
    ): void;
  };
  _scopeSeparator?: string;
  userProfile(accessToken: string, done: (error: unknown, profile?: PassportProfile) => void): void;
  authorizationParams?(options: Record<string, unknown>): Record<string, string>;
}

/** What a strategy factory receives: the provider's options after defaults. */
export interface OAuthStrategySettings {
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  scope: string[];
  authorizationUrl?: string;
  tokenUrl?: string;
  userInfoUrl?: string;
  emailsUrl?: string;
}

/**
 * One kind of provider in the registry. `google` and `github` are built in; a host adds another
 * (or replaces one) with `providers.<name>.definition` in the module options.
 */
export interface OAuthProviderDefinition {
  /** Builds the passport strategy (e.g. `new GitLabStrategy({...}, verify)`). */
  createStrategy(settings: OAuthStrategySettings): OAuth2StrategyLike;
  /** Scopes asked for when the options name none. */
  defaultScope: string[];
  /** Whether the provider accepts PKCE (S256); when true every flow uses it. */
  pkce: boolean;
  /**
   * The passport profile → what the library stores. Say an email is verified only when the
   * provider vouches for it: verified emails are what accounts are linked by.
   */
  mapProfile(profile: PassportProfile): OAuthProfile;
}
