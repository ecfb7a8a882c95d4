import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { objectOf, stringOrNull } from '../profile-fields.js';
import { OAuthProviderError } from '../oauth-provider-error.js';
import { mapUserInfoClaims } from './profile-mapping.js';

/**
 * Any OpenID Connect provider, configured by its `issuer` URL: the discovery document gives the
 * endpoints and the keys; the ID token is verified (signature against `jwks_uri`, `iss` equal to
 * the issuer, audience, expiry, nonce) and the userinfo claims complete it when the provider has
 * that endpoint (its `sub` must be the ID token's). `email_verified: true` decides whether the
 * address counts.
 */
export const OPENID_CONNECT: OAuthProviderDescriptor = {
  endpoints: async (options, http) => {
    const issuer = options.issuer!.replace(/\/$/, '');
    const document = objectOf(await http.getJson(`${issuer}/.well-known/openid-configuration`));
    // The document must be the issuer's own (OpenID Connect Discovery 1.0, section 4.3).
    if (stringOrNull(document.issuer)?.replace(/\/$/, '') !== issuer)
      throw new OAuthProviderError('provider_unavailable', 'discovery: issuer mismatch');
    const url = (field: string) => {
      const value = stringOrNull(document[field]);
      return value && /^https?:\/\//.test(value) ? value : undefined;
    };
    const authorizationUrl = url('authorization_endpoint');
    const tokenUrl = url('token_endpoint');
    const jwksUrl = url('jwks_uri');
    if (!authorizationUrl || !tokenUrl || !jwksUrl)
      throw new OAuthProviderError('provider_unavailable', 'discovery: endpoints missing');
    return {
      authorizationUrl,
      tokenUrl,
      jwksUrl,
      userInfoUrl: url('userinfo_endpoint'),
      issuer: stringOrNull(document.issuer)!,
    };
  },
  defaultScope: ['openid', 'email', 'profile'],
  pkce: true,
  tokenAuthentication: 'client_secret_basic',
  idToken: { issuer: (claims, endpoints) => claims.iss === endpoints.issuer },
  fetchProfile: async ({ http, endpoints, accessToken, idTokenClaims }) => {
    if (!endpoints.userInfoUrl) return { profile: idTokenClaims };
    const userInfo = objectOf(await http.getJson(endpoints.userInfoUrl, { accessToken }));
    // A userinfo answer about someone else is ignored (OpenID Connect Core, section 5.3.2).
    if (userInfo.sub !== idTokenClaims!.sub) return { profile: idTokenClaims };
    return {
      profile: { ...userInfo, ...pick(idTokenClaims!, ['sub', 'iss', 'aud']) },
      idToken: idTokenClaims,
    };
  },
  mapProfile: mapUserInfoClaims,
};

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
}
