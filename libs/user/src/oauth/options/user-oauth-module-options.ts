import type { OAuthProfileMapper } from '../extension-points/oauth-profile-mapper.js';
import type { OAuthProviderDefinition } from '../extension-points/oauth-provider-definition.js';
import type { OAuthProviderDescriptor } from '../extension-points/oauth-provider-descriptor.js';

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
  /** Endpoint overrides, for local OAuth servers and self-hosted GitHub Enterprise or GitLab. */
  authorizationUrl?: string;
  tokenUrl?: string;
  userInfoUrl?: string;
  emailsUrl?: string;
  /** Where the provider's ID-token keys are (Apple, Microsoft; OIDC discovers it). */
  jwksUrl?: string;
  /**
   * A generic OpenID Connect provider's issuer URL: its discovery document
   * (`<issuer>/.well-known/openid-configuration`) gives the endpoints and keys.
   */
  issuer?: string;
  /** Microsoft: the tenant (`common` by default, `organizations`, `consumers` or a tenant id). */
  tenant?: string;
  /** Apple: the team id, and the id and PEM (PKCS #8) of the key that signs the client secret. */
  teamId?: string;
  keyId?: string;
  privateKey?: string;
  /**
   * How to talk to this provider, for names that are not built in: a descriptor for the library's
   * own OAuth 2.0 client, or a passport strategy factory.
   */
  definition?: OAuthProviderDefinition | OAuthProviderDescriptor;
  /**
   * A user with 2FA on who signs in through this provider skips the second factor (default
   * false: the exchange answers the same challenge as a password sign-in). Only for a provider
   * that enforces its own second factor, e.g. a company's identity provider.
   */
  skipTwoFactor?: boolean;
}

/** Options of `UserOAuthModule.forRoot()` / the factory of `forRootAsync()`. */
export interface UserOAuthModuleOptions {
  /**
   * The providers by name: the built-in ones (`google`, `github`, `apple`, `microsoft`, `oidc`, …
   * see the README), any name with an `issuer` (OpenID Connect), or your own with a `definition`.
   */
  providers?: Record<string, OAuthProviderOptions>;
  /** Origins or URL prefixes a round trip may return to. */
  redirectAllowList?: string[];
  /** Replaces how provider profiles become users (default: each provider's own mapping). */
  profileMapper?: OAuthProfileMapper;
  /** How long a provider may take to answer the code exchange and profile fetch. Default 30. */
  timeoutSeconds?: number;
}
