import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { fetchUserInfo, mapUserInfoClaims } from './profile-mapping.js';

/** Google: OpenID userinfo; `email_verified` decides whether the address counts. */
export const GOOGLE: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    userInfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
  }),
  defaultScope: ['openid', 'email', 'profile'],
  pkce: true,
  fetchProfile: fetchUserInfo,
  mapProfile: mapUserInfoClaims,
};
