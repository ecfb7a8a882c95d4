// The public surface of @userkit/user: a host imports only from here.
// First import: stops an unsupported Node before any dependency runs.
import './supported-node.js';
export { UserModule } from './user.module.js';
export {
  USER_MODULE_OPTIONS,
  USER_OPTIONS_TYPE,
  USER_ASYNC_OPTIONS_TYPE,
} from './user.module-definition.js';
export type {
  UserModuleOptions,
  UserModuleExtras,
  OAuthProviderOptions,
  PasswordPolicyOptions,
  RoleDefinition,
} from './options/user-module-options.js';
export type { ResolvedUserOptions } from './options/resolved-options.js';
export { resolveUserOptions, UserModuleOptionsError } from './options/resolve-options.js';
export { ADMIN_ROLE, USER_ROLE, ANONYMOUS_ROLE, BUILT_IN_ROLES } from './options/built-in-roles.js';
export { USER_OPTIONS } from './tokens.js';

export * from './entities/index.js';
export { USER_MIGRATIONS } from './migrations/index.js';

export { PasswordHasher } from './extension-points/password-hasher.js';
export { UserLifecycleHooks, type NewUserDraft } from './extension-points/user-lifecycle-hooks.js';

export { UserErrors, type UserErrorCode } from './errors/error-codes.js';
export { UserKitException } from './errors/user-kit.exception.js';

export { AccountsService, type PasswordSignUp } from './services/accounts.service.js';
export { SessionsService, type AuthenticatedPrincipal } from './services/sessions.service.js';
export { ProfileService } from './services/profile.service.js';
export { RolesService } from './services/roles.service.js';
export { UsersService } from './services/users.service.js';
export {
  AdminUsersService,
  type UserListQuery,
  type UserPage,
  type AdminNewUser,
  type AdminUserChanges,
} from './services/admin-users.service.js';
export { OrmContext } from './repositories/orm-context.js';
export { AccessTokenService } from './services/access-token.service.js';
export { PasswordPolicyService } from './services/password-policy.service.js';
export { Argon2PasswordHasher, ARGON2_PARAMETERS } from './services/argon2-password-hasher.js';
export type { IssuedTokens } from './services/issued-tokens.js';
export type { RequestMeta } from './services/request-meta.js';

export { UserAuthGuard } from './guards/user-auth.guard.js';
export { RateLimitGuard } from './guards/rate-limit.guard.js';
export { RateLimit } from './decorators/rate-limit.decorator.js';
export { RateLimitStorage, type RateLimitRecord } from './extension-points/rate-limit-storage.js';
export {
  RedisThrottlerStorage,
  type RedisScriptClient,
} from './rate-limit/redis-throttler-storage.js';
export { MemoryThrottlerStorage } from './rate-limit/memory-throttler-storage.js';
export {
  DEFAULT_RATE_LIMITS,
  type RateLimitName,
  type RateLimitRule,
} from './rate-limit/rate-limit-names.js';
export { SignInAttemptsService } from './services/sign-in-attempts.service.js';
export { ServiceUnavailableFilter } from './filters/service-unavailable.filter.js';
export { RolesGuard } from './guards/roles.guard.js';
export { Public } from './decorators/public.decorator.js';
export { Roles } from './decorators/roles.decorator.js';
export { CurrentUser } from './decorators/current-user.decorator.js';
export { Authenticated } from './decorators/authenticated.decorator.js';
export {
  ApiUserKitError,
  ApiUserKitErrors,
  type UserKitErrorStatus,
} from './decorators/api-user-kit-errors.decorator.js';
export { ErrorResponse, HostErrorResponse } from './dto/error.response.js';

export * from './dto/user.response.js';
export * from './dto/admin.response.js';
export { mapUser, mapUserAdmin, mapTokens } from './dto/user.mapper.js';

export {
  MessageSender,
  type MessageRecipient,
  type EmailVerificationMessage,
  type PhoneVerificationMessage,
  type PasswordResetMessage,
  type SignInMethodLinkedMessage,
} from './extension-points/message-sender.js';
export { LoggingMessageSender } from './messages/logging-message-sender.js';
export {
  SmtpMessageSender,
  type SmtpMessageSenderOptions,
} from './messages/smtp-message-sender.js';
export { ContactsService } from './services/contacts.service.js';
export { PasswordsService } from './services/passwords.service.js';
export {
  PasswordSignInService,
  type PasswordSignInOutcome,
} from './services/password-sign-in.service.js';
export { TwoFactorService, type TotpEnrollment } from './services/two-factor.service.js';
export { UserSessionsService } from './services/user-sessions.service.js';
export {
  SignInMethodsService,
  type IdentifierRemoval,
} from './services/sign-in-methods.service.js';
export { RecentSignInGuard } from './guards/recent-sign-in.guard.js';
export { RequiresRecentSignIn } from './decorators/requires-recent-sign-in.decorator.js';
export * from './dto/identifiers.response.js';

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
export { mapGoogleProfile } from './oauth/google-profile.js';
export { mapGitHubProfile } from './oauth/github-profile.js';
export {
  OAuthProviderRegistry,
  type EnabledOAuthProvider,
} from './oauth/oauth-provider-registry.js';
export { OAuthClient, OAuthProviderError } from './oauth/oauth-client.js';
export { OAuthSignInService } from './oauth/oauth-sign-in.service.js';
export { OAuthLinkingService, type LinkOutcome } from './services/oauth-linking.service.js';
export { ExternalAccountsService } from './oauth/external-accounts.service.js';
export type { UserKitEvents, UserKitEventName } from './events/user-kit-events.js';
export { USER_KIT_EVENT_NAMES } from './events/user-kit-events.js';
export type { AttributeParty, AccessLevel, AttributeAccess } from './options/attribute-access.js';
export {
  STANDARD_ATTRIBUTE_NAMES,
  DEFAULT_STANDARD_ATTRIBUTE_ACCESS,
  type StandardAttributeName,
} from './options/standard-attributes.js';
export type { TokenTemplate, TokenTemplateUser } from './options/token-template-options.js';
export {
  AttributeSchemaService,
  type NewCustomAttribute,
  type AttributeChanges,
  type StandardAttributeSetting,
} from './services/attribute-schema.service.js';
export type { AttributeSchema, CustomAttributeDefinition } from './services/attribute-schema.js';
export {
  ProfileAttributesService,
  type AttributeView,
  type AttributeWrites,
} from './services/profile-attributes.service.js';
export { UserInfoService, type UserInfoClaims } from './services/userinfo.service.js';
export {
  UserModerationService,
  type MetadataPatch,
  type AdminUserView,
} from './services/user-moderation.service.js';
export {
  TokenTemplatesService,
  type IntegrationToken,
} from './services/token-templates.service.js';
export { FileStorage, type StoredFile } from './extension-points/file-storage.js';
export { LocalDiskFileStorage } from './files/local-disk-file-storage.js';
export { ProfileImageService, type StoredProfileImage } from './services/profile-image.service.js';
export { RouteUrlsService } from './services/route-urls.service.js';
export { ProfileImageResponse } from './dto/profile-image.response.js';
export type { UiOptions } from './ui/ui-options.js';
