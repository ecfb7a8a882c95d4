import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { objectOf } from '../profile-fields.js';
import { claimsSayVerified, mapOpenIdClaims } from './openid-claims.js';

/** LinkedIn (Sign In with LinkedIn using OpenID Connect): /v2/userinfo; `email_verified` decides. */
export const LINKEDIN: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://www.linkedin.com/oauth/v2/authorization',
    tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
    userInfoUrl: 'https://api.linkedin.com/v2/userinfo',
  }),
  defaultScope: ['openid', 'profile', 'email'],
  pkce: false,
  fetchProfile: async ({ http, endpoints, accessToken }) => ({
    profile: await http.getJson(endpoints.userInfoUrl!, { accessToken }),
  }),
  mapProfile: (documents) => {
    const claims = objectOf(documents.profile);
    return mapOpenIdClaims(claims, claimsSayVerified(claims.email_verified));
  },
};
