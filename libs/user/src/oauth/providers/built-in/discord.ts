import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, singleEmail, stringOrNull } from '../profile-fields.js';
import { fetchUserInfo } from './profile-mapping.js';

/**
 * Discord: /users/@me. The id is a snowflake (a string); `verified` says whether the account's
 * `email` is verified. The avatar is a hash turned into its CDN URL.
 */
export const DISCORD: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://discord.com/oauth2/authorize',
    tokenUrl: 'https://discord.com/api/oauth2/token',
    userInfoUrl: 'https://discord.com/api/users/@me',
  }),
  defaultScope: ['identify', 'email'],
  pkce: false,
  fetchProfile: fetchUserInfo,
  mapProfile: (documents) => {
    const user = objectOf(documents.profile);
    const id = idOf(user.id);
    const avatar = stringOrNull(user.avatar);
    return {
      providerUserId: id,
      emails: singleEmail(user.email, user.verified === true),
      displayName: stringOrNull(user.global_name) ?? stringOrNull(user.username),
      firstName: null,
      lastName: null,
      picture:
        avatar && /^[\w]+$/.test(avatar) && /^\d+$/.test(id)
          ? `https://cdn.discordapp.com/avatars/${id}/${avatar}.${avatar.startsWith('a_') ? 'gif' : 'png'}`
          : null,
    };
  },
};
