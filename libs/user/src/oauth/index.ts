// `@userkit/user/oauth`: OAuth sign-in and account linking.
export { UserOAuthModule } from './user-oauth.module.js';
export {
  USER_OAUTH_MODULE_OPTIONS,
  USER_OAUTH_OPTIONS_TYPE,
  USER_OAUTH_ASYNC_OPTIONS_TYPE,
} from './user-oauth.module-definition.js';
export type {
  UserOAuthModuleOptions,
  OAuthProviderOptions,
} from './options/user-oauth-module-options.js';
export {
  resolveOAuthOptions,
  UserOAuthOptionsError,
  type ResolvedOAuthOptions,
} from './options/resolve-oauth-options.js';
export {
  OAUTH_ENTITIES,
  OAuthState,
  OAuthLinkIntent,
  OAuthExchangeCode,
} from './entities/index.js';
export { OAUTH_MIGRATIONS } from './migrations/index.js';

export {
  OAuthProfileMapper,
  DEFAULT_OAUTH_PROFILE_MAPPER,
  type OAuthProfileMapperInput,
} from './extension-points/oauth-profile-mapper.js';
export type { OAuthProfile, OAuthProfileEmail } from './extension-points/oauth-profile.js';
export type { PassportProfile } from './extension-points/passport-profile.js';
export type {
  OAuthProviderDefinition,
  OAuth2StrategyLike,
  OAuthStrategySettings,
} from './extension-points/oauth-provider-definition.js';
export type {
  OAuthProviderDescriptor,
  OAuthProviderEndpoints,
  OAuthProviderHttp,
  OAuthProfileRequest,
} from './extension-points/oauth-provider-descriptor.js';
export { BUILT_IN_OAUTH_PROVIDERS } from './providers/built-in-providers.js';
export {
  OAuthProviderRegistry,
  type EnabledOAuthProvider,
} from './providers/oauth-provider-registry.js';
export { OAuthClient } from './providers/oauth-client.js';
export { HttpOAuthClient } from './providers/http-oauth-client.js';
export { OAuthProviderError } from './providers/oauth-provider-error.js';
export type { OAuthProviderClient } from './providers/oauth-provider-client.js';
export { OAuthSignInService } from './services/oauth-sign-in.service.js';
export { OAuthLinkingService, type LinkOutcome } from './services/oauth-linking.service.js';
export { ExternalAccountsService } from './services/external-accounts.service.js';
