import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import type { OAuthProfileEmail } from '../../extension-points/oauth-profile.js';
import { arrayOf, idOf, objectOf, stringOrNull } from '../profile-fields.js';

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
    const emails: OAuthProfileEmail[] = [];
    for (const item of arrayOf(objectOf(documents.emails).values)) {
      const entry = objectOf(item);
      const email = stringOrNull(entry.email);
      if (!email) continue;
      const primary = entry.is_primary === true;
      emails.push({ email, primary, verified: primary && entry.is_confirmed === true });
    }
    return {
      providerUserId: idOf(user.uuid),
      emails,
      displayName: stringOrNull(user.display_name) ?? stringOrNull(user.nickname),
      firstName: null,
      lastName: null,
      picture: stringOrNull(objectOf(objectOf(user.links).avatar).href),
    };
  },
};
