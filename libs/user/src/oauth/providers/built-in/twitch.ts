import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { arrayOf, idOf, objectOf, singleEmail, stringOrNull } from '../profile-fields.js';

/**
 * Twitch: Helix /users (with the `Client-Id` header) answers `{ data: [user] }`, the id a string.
 * Twitch documents `email` as the user's verified address (with scope `user:read:email`): it
 * counts as verified.
 */
export const TWITCH: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://id.twitch.tv/oauth2/authorize',
    tokenUrl: 'https://id.twitch.tv/oauth2/token',
    userInfoUrl: 'https://api.twitch.tv/helix/users',
  }),
  defaultScope: ['user:read:email'],
  pkce: false,
  fetchProfile: async ({ http, endpoints, accessToken, options }) => ({
    profile: await http.getJson(endpoints.userInfoUrl!, {
      accessToken,
      headers: { 'Client-Id': options.clientId! },
    }),
  }),
  mapProfile: (documents) => {
    const user = objectOf(arrayOf(objectOf(documents.profile).data)[0]);
    return {
      providerUserId: idOf(user.id),
      emails: singleEmail(user.email, true),
      displayName: stringOrNull(user.display_name) ?? stringOrNull(user.login),
      firstName: null,
      lastName: null,
      picture: stringOrNull(user.profile_image_url),
    };
  },
};
