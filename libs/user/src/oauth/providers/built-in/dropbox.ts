import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, singleEmail, stringOrNull } from '../profile-fields.js';

/**
 * Dropbox: `POST /2/users/get_current_account` (no body). The id is `account_id` (`dbid:…`);
 * `email_verified` decides whether the address counts.
 */
export const DROPBOX: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://www.dropbox.com/oauth2/authorize',
    tokenUrl: 'https://api.dropboxapi.com/oauth2/token',
    userInfoUrl: 'https://api.dropboxapi.com/2/users/get_current_account',
  }),
  defaultScope: ['account_info.read'],
  pkce: true,
  fetchProfile: async ({ http, endpoints, accessToken }) => ({
    profile: await http.getJson(endpoints.userInfoUrl!, { accessToken, method: 'POST' }),
  }),
  mapProfile: (documents) => {
    const account = objectOf(documents.profile);
    const name = objectOf(account.name);
    return {
      providerUserId: idOf(account.account_id),
      emails: singleEmail(account.email, account.email_verified === true),
      displayName: stringOrNull(name.display_name),
      firstName: stringOrNull(name.given_name),
      lastName: stringOrNull(name.surname),
      picture: stringOrNull(account.profile_photo_url),
    };
  },
};
