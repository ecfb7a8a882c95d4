import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, singleEmail } from '../profile-fields.js';

/**
 * HubSpot: no profile endpoint; the access token's metadata (`GET /oauth/v1/access-tokens/{token}`)
 * names the user (`user_id`, a number) and their login address (`user`), which HubSpot does not
 * state as verified: it never counts as verified.
 */
export const HUBSPOT: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
    tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
    userInfoUrl: 'https://api.hubapi.com/oauth/v1/access-tokens',
  }),
  defaultScope: ['oauth'],
  pkce: false,
  fetchProfile: async ({ http, endpoints, accessToken }) => ({
    profile: await http.getJson(
      `${endpoints.userInfoUrl!.replace(/\/$/, '')}/${encodeURIComponent(accessToken)}`,
    ),
  }),
  mapProfile: (documents) => {
    const metadata = objectOf(documents.profile);
    return {
      providerUserId: idOf(metadata.user_id),
      emails: singleEmail(metadata.user, false),
      displayName: null,
      firstName: null,
      lastName: null,
      picture: null,
    };
  },
};
