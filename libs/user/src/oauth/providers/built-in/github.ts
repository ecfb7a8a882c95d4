import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, stringOrNull } from '../profile-fields.js';
import { primaryConfirmedEmails } from './profile-mapping.js';

/**
 * GitHub (and GitHub Enterprise through the URL options): /user and /user/emails. Only an address
 * that is both `primary` and `verified` on the emails endpoint counts as verified; the public
 * `email` of /user proves nothing. The id is a number.
 */
export const GITHUB: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    userInfoUrl: 'https://api.github.com/user',
    emailsUrl: 'https://api.github.com/user/emails',
  }),
  defaultScope: ['read:user', 'user:email'],
  pkce: true,
  fetchProfile: async ({ http, endpoints, accessToken }) => {
    const headers = { Accept: 'application/vnd.github+json' };
    const [profile, emails] = await Promise.all([
      http.getJson(endpoints.userInfoUrl!, { accessToken, headers }),
      http.getJson(endpoints.emailsUrl!, { accessToken, headers }),
    ]);
    return { profile, emails };
  },
  mapProfile: (documents) => {
    const user = objectOf(documents.profile);
    return {
      providerUserId: idOf(user.id),
      emails: primaryConfirmedEmails(documents.emails, {
        primary: 'primary',
        confirmed: 'verified',
      }),
      displayName: stringOrNull(user.name) ?? stringOrNull(user.login),
      firstName: null,
      lastName: null,
      picture: stringOrNull(user.avatar_url),
    };
  },
};
