import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, singleEmail, stringOrNull } from '../profile-fields.js';
import { fetchUserInfo } from './profile-mapping.js';

/**
 * Facebook Login: the Graph API's /me with the fields asked for. The id is a string (app-scoped).
 * The Graph API does not say whether `email` was confirmed: it never counts as verified.
 */
export const FACEBOOK: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
    tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
    userInfoUrl:
      'https://graph.facebook.com/v21.0/me?fields=id,name,first_name,last_name,email,picture.type(large)',
  }),
  defaultScope: ['email', 'public_profile'],
  scopeSeparator: ',',
  pkce: true,
  fetchProfile: fetchUserInfo,
  mapProfile: (documents) => {
    const user = objectOf(documents.profile);
    return {
      providerUserId: idOf(user.id),
      emails: singleEmail(user.email, false),
      displayName: stringOrNull(user.name),
      firstName: stringOrNull(user.first_name),
      lastName: stringOrNull(user.last_name),
      picture: stringOrNull(objectOf(objectOf(user.picture).data).url),
    };
  },
};
