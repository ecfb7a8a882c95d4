import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { idOf, objectOf, singleEmail, stringOrNull } from '../profile-fields.js';
import { OAuthProviderError } from '../oauth-provider-error.js';

/** The Notion API version the profile request speaks. */
const NOTION_VERSION = '2022-06-28';

/**
 * Notion (a public integration): the token request is JSON with the client in HTTP Basic, and
 * /v1/users/me answers the integration's bot, whose `owner.user` is the person (id a UUID string,
 * `person.email`). Notion does not state the address as verified: it never counts as verified.
 */
export const NOTION: OAuthProviderDescriptor = {
  endpoints: () => ({
    authorizationUrl: 'https://api.notion.com/v1/oauth/authorize',
    tokenUrl: 'https://api.notion.com/v1/oauth/token',
    userInfoUrl: 'https://api.notion.com/v1/users/me',
  }),
  defaultScope: [],
  pkce: false,
  tokenAuthentication: 'client_secret_basic',
  tokenRequestEncoding: 'json',
  authorizationParams: { owner: 'user' },
  fetchProfile: async ({ http, endpoints, accessToken }) => {
    const bot = objectOf(
      await http.getJson(endpoints.userInfoUrl!, {
        accessToken,
        headers: { 'Notion-Version': NOTION_VERSION },
      }),
    );
    const owner = objectOf(objectOf(bot.bot).owner);
    if (owner.type !== 'user')
      throw new OAuthProviderError('oauth_failed', 'the integration was not installed by a person');
    return { profile: owner.user, bot };
  },
  mapProfile: (documents) => {
    const user = objectOf(documents.profile);
    return {
      providerUserId: idOf(user.id),
      emails: singleEmail(objectOf(user.person).email, false),
      displayName: stringOrNull(user.name),
      firstName: null,
      lastName: null,
      picture: stringOrNull(user.avatar_url),
    };
  },
};
