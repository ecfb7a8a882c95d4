import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, stringOrNull } from '../profile-fields.js';
import { OAuthProviderError } from '../oauth-provider-error.js';

/**
 * TikTok Login Kit (v2): the client is a `client_key`, scopes are comma-separated, and
 * /v2/user/info/ answers `{ data: { user }, error: { code: "ok" } }`. The id is `open_id` (a string,
 * per app). TikTok gives no email.
 */
export const TIKTOK: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://www.tiktok.com/v2/auth/authorize/',
    tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token/',
    userInfoUrl:
      'https://open.tiktokapis.com/v2/user/info/?fields=open_id,union_id,avatar_url,display_name',
  }),
  defaultScope: ['user.info.basic'],
  scopeSeparator: ',',
  clientIdParameter: 'client_key',
  pkce: false,
  fetchProfile: async ({ http, endpoints, accessToken }) => {
    const profile = objectOf(await http.getJson(endpoints.userInfoUrl!, { accessToken }));
    const code = objectOf(profile.error).code;
    if (code !== undefined && code !== 'ok')
      throw new OAuthProviderError('provider_unavailable', `user info: ${String(code)}`);
    return { profile };
  },
  mapProfile: (documents) => {
    const user = objectOf(objectOf(objectOf(documents.profile).data).user);
    return {
      providerUserId: idOf(user.open_id),
      emails: [],
      displayName: stringOrNull(user.display_name),
      firstName: null,
      lastName: null,
      picture: stringOrNull(user.avatar_url),
    };
  },
};
