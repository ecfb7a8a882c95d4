import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, stringOrNull } from '../profile-fields.js';
import { primaryConfirmedEmails } from './profile-mapping.js';

/**
 * Bitbucket Cloud: /2.0/user and /2.0/user/emails (`{ values: [{ email, is_primary,
 * is_confirmed }] }`), the client in HTTP Basic. As with GitHub, only the address that is both
 * primary and confirmed counts as verified. The id is the `uuid` (`{…}`).
 */
export const BITBUCKET: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://bitbucket.org/site/oauth2/authorize',
    tokenUrl: 'https://bitbucket.org/site/oauth2/access_token',
    userInfoUrl: 'https://api.bitbucket.org/2.0/user',
    emailsUrl: 'https://api.bitbucket.org/2.0/user/emails',
  }),
  defaultScope: ['account', 'email'],
  pkce: false,
  tokenAuthentication: 'client_secret_basic',
  fetchProfile: async ({ http, endpoints, accessToken }) => {
    const [profile, emails] = await Promise.all([
      http.getJson(endpoints.userInfoUrl!, { accessToken }),
      http.getJson(endpoints.emailsUrl!, { accessToken }),
    ]);
    return { profile, emails };
  },
  mapProfile: (documents) => {
    const user = objectOf(documents.profile);
    return {
      providerUserId: idOf(user.uuid),
      emails: primaryConfirmedEmails(objectOf(documents.emails).values, {
        primary: 'is_primary',
        confirmed: 'is_confirmed',
      }),
      displayName: stringOrNull(user.display_name) ?? stringOrNull(user.nickname),
      firstName: null,
      lastName: null,
      picture: stringOrNull(objectOf(objectOf(user.links).avatar).href),
    };
  },
};
