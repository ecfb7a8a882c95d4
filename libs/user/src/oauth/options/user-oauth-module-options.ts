import type { OAuthProfileMapper } from '../extension-points/oauth-profile-mapper.js';
import type { OAuthProviderDefinition } from '../extension-points/oauth-provider-definition.js';

/** Settings of one OAuth provider; a provider with no clientId is off. */
export interface OAuthProviderOptions {
  clientId?: string;
  clientSecret?: string;
  scope?: string[];
  /**
   * Where the provider sends the browser back; defaults to `${publicUrl}/oauth/<provider>/callback`
   * wherever the app serves that route (global prefix, URI version, RouterModule path included).
   */
  callbackUrl?: string;
  /** Endpoint overrides, for local OAuth servers and self-hosted GitHub Enterprise. */
  authorizationUrl?: string;
  tokenUrl?: string;
  userInfoUrl?: string;
  emailsUrl?: string;
  /** How to talk to this provider: needed for names other than `google` and `github`. */
  definition?: OAuthProviderDefinition;
  /**
   * A user with 2FA on who signs in through this provider skips the second factor (default
   * false: the exchange answers the same challenge as a password sign-in). Only for a provider
   * that enforces its own second factor, e.g. a company's identity provider.
   */
  skipTwoFactor?: boolean;
}

/** Options of `UserOAuthModule.forRoot()` / the factory of `forRootAsync()`. */
export interface UserOAuthModuleOptions {
  /** The providers by name (`google`, `github`, or your own with a `definition`). */
  providers?: Record<string, OAuthProviderOptions>;
  /** Origins or URL prefixes a round trip may return to. */
  redirectAllowList?: string[];
  /** Replaces how provider profiles become users (default: each provider's own mapping). */
  profileMapper?: OAuthProfileMapper;
  /** How long a provider may take to answer the code exchange and profile fetch. Default 30. */
  timeoutSeconds?: number;
}
