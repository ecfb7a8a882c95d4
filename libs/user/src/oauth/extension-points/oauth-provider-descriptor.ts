import type { OAuthProviderOptions } from '../options/user-oauth-module-options.js';
import type { OAuthProfile } from './oauth-profile.js';

/** Where a provider lives; each is overridable by the provider's options of the same name. */
export interface OAuthProviderEndpoints {
  authorizationUrl: string;
  tokenUrl: string;
  userInfoUrl?: string;
  emailsUrl?: string;
  /** The keys its ID tokens are signed with. */
  jwksUrl?: string;
  /** The `iss` its ID tokens carry (OpenID Connect discovery fills it). */
  issuer?: string;
}

/** Bounded, JSON-only calls to the provider's APIs (every answer is untrusted input). */
export interface OAuthProviderHttp {
  /** GET (or POST without a body) with the access token as a Bearer; the parsed JSON object or array. */
  getJson(
    url: string,
    options?: { accessToken?: string; headers?: Record<string, string>; method?: 'GET' | 'POST' },
  ): Promise<unknown>;
}

/** What a descriptor's profile request gets after the code exchange. */
export interface OAuthProfileRequest {
  http: OAuthProviderHttp;
  endpoints: OAuthProviderEndpoints;
  options: OAuthProviderOptions;
  accessToken: string;
  /** The token endpoint's JSON answer (Notion, TikTok put the user's ids there). */
  tokenResponse: Record<string, unknown>;
  /** The ID token's claims, verified (signature, issuer, audience, expiry, nonce); else null. */
  idTokenClaims: Record<string, unknown> | null;
  /** What the provider posted to the callback besides code and state (Apple's `user`). */
  callbackPayload: Record<string, unknown> | null;
}

/**
 * One provider spoken to by the library's own OAuth 2.0 client (authorization code + PKCE, plain
 * `fetch`): its endpoints, how it wants the client authenticated, how its profile is read, and
 * how that profile maps. Every built-in provider is one; a host adds its own with
 * `providers.<name>.definition`.
 */
export interface OAuthProviderDescriptor {
  /** The default endpoints: may read the options (Microsoft's tenant) or discover them (OIDC). */
  endpoints(
    options: OAuthProviderOptions,
    http: OAuthProviderHttp,
  ): OAuthProviderEndpoints | Promise<OAuthProviderEndpoints>;
  defaultScope: string[];
  /** Between scopes in the authorization URL (default a space; TikTok's is a comma). */
  scopeSeparator?: string;
  /** Whether the provider accepts PKCE (S256); when true every flow uses it. */
  pkce: boolean;
  /** How the token request authenticates the client (default `client_secret_post`). */
  tokenAuthentication?: 'client_secret_post' | 'client_secret_basic';
  /** The token request's body (default a form; Notion's is JSON). */
  tokenRequestEncoding?: 'form' | 'json';
  /** The parameter naming the client (default `client_id`; TikTok's is `client_key`). */
  clientIdParameter?: string;
  /** Fixed parameters of the authorization URL (Notion's `owner=user`). */
  authorizationParams?: Record<string, string>;
  /** The provider posts the callback as a form (`response_mode=form_post`, Apple). */
  formPost?: boolean;
  /**
   * The token answer carries an ID token, verified against `jwksUrl` (audience = client id,
   * expiry, the flow's nonce) and this issuer rule; a flow without one fails.
   */
  idToken?: { issuer(claims: Record<string, unknown>, endpoints: OAuthProviderEndpoints): boolean };
  /** The client secret sent to the token endpoint, when it is computed (Apple's signed JWT). */
  clientSecret?(options: OAuthProviderOptions): Promise<string>;
  /** The provider's documents about the user (profile, emails …), by name. */
  fetchProfile(request: OAuthProfileRequest): Promise<Record<string, unknown>>;
  /**
   * The documents → what the library stores. Say an email is verified only when the provider
   * vouches for it: verified emails are what accounts are linked by.
   */
  mapProfile(documents: Record<string, unknown>): OAuthProfile;
}
