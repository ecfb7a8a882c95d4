import { SignJWT, importPKCS8 } from 'jose';
import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import type { OAuthProviderOptions } from '../../options/user-oauth-module-options.js';
import { objectOf, stringOrNull } from '../profile-fields.js';
import { claimsSayVerified, mapOpenIdClaims } from './profile-mapping.js';

const APPLE_ISSUER = 'https://appleid.apple.com';

/**
 * Sign in with Apple. The client secret is a short-lived ES256 JWT signed with the team's key
 * (`teamId`, `keyId`, `privateKey`). Asking for `name email` makes Apple post the callback as a
 * form (`response_mode=form_post`); the user's name comes only there, in the `user` field, and only
 * on the first authorization. The profile is the ID token (issuer `https://appleid.apple.com`,
 * Apple's keys, the flow's nonce); `email_verified` ("true" or true) decides whether the address
 * counts — a private relay address (`is_private_email`) is verified too.
 */
export const APPLE: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://appleid.apple.com/auth/authorize',
    tokenUrl: 'https://appleid.apple.com/auth/token',
    jwksUrl: 'https://appleid.apple.com/auth/keys',
    issuer: APPLE_ISSUER,
  }),
  defaultScope: ['name', 'email'],
  pkce: false,
  formPost: true,
  authorizationParams: { response_mode: 'form_post' },
  idToken: { issuer: (claims) => claims.iss === APPLE_ISSUER },
  clientSecret: appleClientSecret,
  fetchProfile: async ({ idTokenClaims, callbackPayload }) => ({
    profile: idTokenClaims,
    user: callbackPayload?.user ?? null,
  }),
  mapProfile: (documents) => {
    const claims = objectOf(documents.profile);
    const name = objectOf(objectOf(documents.user).name);
    const firstName = stringOrNull(name.firstName);
    const lastName = stringOrNull(name.lastName);
    const mapped = mapOpenIdClaims(claims, claimsSayVerified(claims.email_verified, true));
    return {
      ...mapped,
      firstName,
      lastName,
      displayName: [firstName, lastName].filter(Boolean).join(' ') || null,
      picture: null,
    };
  },
};

/** Apple's client secret: `iss` the team, `sub` the Services ID, `aud` Apple, signed ES256. */
async function appleClientSecret(options: OAuthProviderOptions): Promise<string> {
  const key = await importPKCS8(options.privateKey!, 'ES256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: options.keyId! })
    .setIssuer(options.teamId!)
    .setSubject(options.clientId!)
    .setAudience(APPLE_ISSUER)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}
