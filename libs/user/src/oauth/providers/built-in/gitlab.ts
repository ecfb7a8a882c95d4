import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, singleEmail, stringOrNull } from '../profile-fields.js';
import { fetchUserInfo } from './profile-mapping.js';

/**
 * GitLab (gitlab.com, or a self-managed instance through the URL options): /api/v4/user. Its
 * `email` is the primary address; it counts as verified when `confirmed_at` is set. The id is a
 * number.
 */
export const GITLAB: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://gitlab.com/oauth/authorize',
    tokenUrl: 'https://gitlab.com/oauth/token',
    userInfoUrl: 'https://gitlab.com/api/v4/user',
  }),
  defaultScope: ['read_user'],
  pkce: true,
  fetchProfile: fetchUserInfo,
  mapProfile: (documents) => {
    const user = objectOf(documents.profile);
    return {
      providerUserId: idOf(user.id),
      emails: singleEmail(user.email, stringOrNull(user.confirmed_at) !== null),
      displayName: stringOrNull(user.name) ?? stringOrNull(user.username),
      firstName: null,
      lastName: null,
      picture: stringOrNull(user.avatar_url),
    };
  },
};
