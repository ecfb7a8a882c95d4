import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, stringOrNull } from '../profile-fields.js';
import { fetchUserInfo } from './profile-mapping.js';

/**
 * X (Twitter), OAuth 2.0 with PKCE (required) and the client in HTTP Basic: /2/users/me answers
 * `{ data: { id, name, username, profile_image_url } }`, the id a string. X gives no email: such a
 * user has no address until they add one.
 */
export const TWITTER: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    userInfoUrl: 'https://api.x.com/2/users/me?user.fields=profile_image_url',
  }),
  defaultScope: ['users.read', 'tweet.read'],
  pkce: true,
  tokenAuthentication: 'client_secret_basic',
  fetchProfile: fetchUserInfo,
  mapProfile: (documents) => {
    const user = objectOf(objectOf(documents.profile).data);
    return {
      providerUserId: idOf(user.id),
      emails: [],
      displayName: stringOrNull(user.name) ?? stringOrNull(user.username),
      firstName: null,
      lastName: null,
      picture: stringOrNull(user.profile_image_url),
    };
  },
};
