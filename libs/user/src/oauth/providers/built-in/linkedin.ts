import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { fetchUserInfo, mapUserInfoClaims } from './profile-mapping.js';

/** LinkedIn (Sign In with LinkedIn using OpenID Connect): /v2/userinfo; `email_verified` decides. */
export const LINKEDIN: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://www.linkedin.com/oauth/v2/authorization',
    tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
    userInfoUrl: 'https://api.linkedin.com/v2/userinfo',
  }),
  defaultScope: ['openid', 'profile', 'email'],
  pkce: false,
  fetchProfile: fetchUserInfo,
  mapProfile: mapUserInfoClaims,
};
