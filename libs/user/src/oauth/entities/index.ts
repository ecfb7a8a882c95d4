import { OAuthExchangeCode } from './oauth-exchange-code.entity.js';
import { OAuthLinkIntent } from './oauth-link-intent.entity.js';
import { OAuthState } from './oauth-state.entity.js';

export { OAuthState, OAuthLinkIntent, OAuthExchangeCode };

/** UserOAuthModule's entities: add them to the host's MikroORM `entities` after USER_ENTITIES. */
export const OAUTH_ENTITIES = [OAuthState, OAuthLinkIntent, OAuthExchangeCode];
