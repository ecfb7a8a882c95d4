// The public surface of @userkit/user: a host imports only from here.
// First import: stops an unsupported Node before any dependency runs.
import './supported-node.js';
export { UserModule } from './core/user.module.js';
export {
  USER_MODULE_OPTIONS,
  USER_OPTIONS_TYPE,
  USER_ASYNC_OPTIONS_TYPE,
} from './core/user.module-definition.js';
export type {
  UserModuleOptions,
  UserModuleExtras,
  PasswordPolicyOptions,
  RoleDefinition,
  IdentifierSetting,
  IdentifierSettings,
  SessionValidation,
} from './core/options/user-module-options.js';
export type { ResolvedUserOptions } from './core/options/resolved-options.js';
export {
  defineUserFields,
  type UserFieldDeclaration,
  type UserFieldDeclarations,
  type StringUserField,
  type NumberUserField,
  type EnumUserField,
  type FormattedUserField,
  type UserFieldValue,
  type UserFieldValues,
  type ReadableUserFieldName,
} from './core/options/user-fields.js';
export type {
  CustomAttributesWithFields,
  UserWithFields,
  PrincipalWithFields,
  UserResponseWithFields,
} from './core/options/user-field-types.js';
export type { ResolvedUserField } from './core/options/resolve-field-options.js';
export { resolveUserOptions, UserModuleOptionsError } from './core/options/resolve-options.js';
export {
  ADMIN_ROLE,
  USER_ROLE,
  ANONYMOUS_ROLE,
  BUILT_IN_ROLES,
} from './core/options/built-in-roles.js';
export { USER_OPTIONS } from './core/tokens.js';

export * from './core/entities/index.js';
export { USER_MIGRATIONS } from './core/migrations/index.js';

export { PasswordHasher } from './core/extension-points/password-hasher.js';
export {
  UserLifecycleHooks,
  type NewUserDraft,
  type UserCreationSource,
} from './core/extension-points/user-lifecycle-hooks.js';
export {
  SelfViewExtension,
  type SelfViewExtensions,
} from './core/extension-points/self-view-extension.js';
export { ExternalSignInProviders } from './core/extension-points/external-sign-in-providers.js';
export {
  SignInExchange,
  type ExchangedSignIn,
  type IssuedExchangeCode,
} from './core/extension-points/sign-in-exchange.js';
export { IdentifierVerification } from './core/extension-points/identifier-verification.js';
export {
  LegacyUserStore,
  type LegacyUserProfile,
} from './core/extension-points/legacy-user-store.js';
export {
  TransactionalEventSinks,
  type TransactionalEventSink,
  type UserKitEventRecord,
} from './core/extension-points/transactional-event-sink.js';
export {
  UserDataExportSections,
  type UserDataExportSection,
} from './core/extension-points/user-data-export.js';

export { UserErrors, type UserErrorCode } from './core/errors/error-codes.js';
export { UserKitException } from './core/errors/user-kit.exception.js';

export { AccountsService, type PasswordSignUp } from './core/services/accounts.service.js';
export { SessionsService, type AuthenticatedPrincipal } from './core/services/sessions.service.js';
export { ProfileService } from './core/services/profile.service.js';
export { RolesService } from './core/services/roles.service.js';
export { UsersService } from './core/services/users.service.js';
export { UsernamesService } from './core/services/usernames.service.js';
export { normalizeUsername } from './core/validation/username.js';
export {
  UserCreationService,
  type NewUserAccount,
  type WrittenUser,
} from './core/services/user-creation.service.js';
export { UserUpdateService, type ComputedUpdate } from './core/services/user-update.service.js';
export { UserDeletionService } from './core/services/user-deletion.service.js';
export { UserDataExportService } from './core/services/user-data-export.service.js';
export { UserDataExportResponse } from './core/dto/user-data-export.response.js';
export { SessionRevocationService } from './core/services/session-revocation.service.js';
export {
  AdminUsersService,
  type UserListQuery,
  type UserPage,
  type AdminNewUser,
  type AdminUserChanges,
} from './core/services/admin-users.service.js';
export { OrmContext } from './core/repositories/orm-context.js';
export { AccessTokenService } from './core/services/access-token.service.js';
export { PasswordPolicyService } from './core/services/password-policy.service.js';
export { Argon2PasswordHasher, ARGON2_PARAMETERS } from './core/services/argon2-password-hasher.js';
export type { IssuedTokens } from './core/services/issued-tokens.js';
export type { RequestMeta } from './core/services/request-meta.js';

export { UserAuthGuard } from './core/guards/user-auth.guard.js';
export { RateLimitGuard } from './core/guards/rate-limit.guard.js';
export { RateLimit } from './core/decorators/rate-limit.decorator.js';
export {
  RateLimitStorage,
  type RateLimitRecord,
} from './core/extension-points/rate-limit-storage.js';
export {
  RedisThrottlerStorage,
  type RedisScriptClient,
} from './core/rate-limit/redis-throttler-storage.js';
export { MemoryThrottlerStorage } from './core/rate-limit/memory-throttler-storage.js';
export type { SessionRevocationBroadcast } from './core/extension-points/session-revocation-broadcast.js';
export {
  RedisSessionRevocationBroadcast,
  type RedisPublishClient,
  type RedisSubscribeClient,
} from './core/services/redis-session-revocation-broadcast.js';
export {
  DEFAULT_RATE_LIMITS,
  type RateLimitName,
  type RateLimitRule,
} from './core/rate-limit/rate-limit-names.js';
export { SignInAttemptsService } from './core/services/sign-in-attempts.service.js';
export { ServiceUnavailableFilter } from './core/filters/service-unavailable.filter.js';
export {
  GracefulShutdown,
  type GracefulShutdownOptions,
} from './core/shutdown/graceful-shutdown.js';
export { FailOpenRateLimitStorage } from './core/rate-limit/fail-open-rate-limit-storage.js';
export { RolesGuard } from './core/guards/roles.guard.js';
export { Public } from './core/decorators/public.decorator.js';
export { AllowUnverifiedEmail } from './core/decorators/allow-unverified-email.decorator.js';
export { Roles } from './core/decorators/roles.decorator.js';
export { CurrentUser } from './core/decorators/current-user.decorator.js';
export { Authenticated } from './core/decorators/authenticated.decorator.js';
export {
  ApiUserKitError,
  ApiUserKitErrors,
  type UserKitErrorStatus,
} from './core/decorators/api-user-kit-errors.decorator.js';
export { ErrorResponse, HostErrorResponse } from './core/dto/error.response.js';

export * from './core/dto/user.response.js';
export * from './core/dto/admin.response.js';
export { mapUser, mapUserAdmin, mapTokens } from './core/dto/user.mapper.js';

export {
  MessageSender,
  type MessageRecipient,
  type EmailSignUpCodeMessage,
  type EmailVerificationMessage,
  type SignInLinkMessage,
  type PhoneVerificationMessage,
  type PasswordResetMessage,
  type SignInMethodLinkedMessage,
  type OrganizationInvitationMessage,
} from './core/extension-points/message-sender.js';
export { LoggingMessageSender } from './core/messages/logging-message-sender.js';
export {
  SmtpMessageSender,
  type SmtpMessageSenderOptions,
} from './core/messages/smtp-message-sender.js';
export { PasswordsService } from './core/services/passwords.service.js';
export {
  PasswordSignInService,
  type PasswordSignInOutcome,
} from './core/services/password-sign-in.service.js';
export { UserSessionsService } from './core/services/user-sessions.service.js';
export {
  SignInMethodsService,
  type IdentifierRemoval,
} from './core/services/sign-in-methods.service.js';
export { RecentSignInGuard } from './core/guards/recent-sign-in.guard.js';
export { RequiresRecentSignIn } from './core/decorators/requires-recent-sign-in.decorator.js';
export { RefusedWhileImpersonating } from './core/decorators/refused-while-impersonating.decorator.js';
export { ImpersonationGuard } from './core/guards/impersonation.guard.js';
export * from './core/dto/identifiers.response.js';

export type {
  UserKitEvents,
  UserKitEventName,
  UserCreatedEvent,
  UserUpdatedEvent,
  UserDeletedEvent,
  UserDeletionCause,
  SessionCreatedEvent,
  SessionRevokedEvent,
  SessionRevokedReason,
  ExternalAccountLinkedEvent,
  ExternalAccountUnlinkedEvent,
  UserKitEventPayloads,
  UserKitEventContext,
  SignInMethod,
  SignInSucceededEvent,
  SignInFailedEvent,
  SignInFailureReason,
  PasswordChangedEvent,
  TwoFactorChangedEvent,
  BackupCodeUsedEvent,
  IdentifierEvent,
  PasskeyEvent,
  UserBanEvent,
  UserImpersonatedEvent,
  UserRolesChangedEvent,
  AdminActionEvent,
  OrganizationEvent,
  OrganizationUpdatedEvent,
  MembershipEvent,
  InvitationEvent,
} from './core/events/user-kit-events.js';
export {
  USER_KIT_EVENT_NAMES,
  SESSION_REVOKED_REASONS,
  SIGN_IN_FAILURE_REASONS,
} from './core/events/user-kit-events.js';
export {
  UserEventsPublisher,
  type UserEventSubscriber,
} from './core/events/user-events.publisher.js';
export type {
  AttributeParty,
  AccessLevel,
  AttributeAccess,
} from './core/options/attribute-access.js';
export {
  STANDARD_ATTRIBUTE_NAMES,
  DEFAULT_STANDARD_ATTRIBUTE_ACCESS,
  type StandardAttributeName,
} from './core/options/standard-attributes.js';
export {
  AttributeSchemaService,
  type NewCustomAttribute,
  type AttributeChanges,
  type StandardAttributeSetting,
} from './core/services/attribute-schema.service.js';
export type {
  AttributeSchema,
  CustomAttributeDefinition,
} from './core/services/attribute-schema.js';
export {
  AttributeReferences,
  type AttributeReferenceSource,
} from './core/services/attribute-references.js';
export { defaultAttributeLabel } from './core/validation/attribute-definition.js';
export {
  ProfileAttributesService,
  type AttributeView,
  type AttributeWrites,
} from './core/services/profile-attributes.service.js';
export { UserInfoService, type UserInfoClaims } from './core/services/userinfo.service.js';
export {
  UserModerationService,
  type MetadataPatch,
  type AdminUserView,
} from './core/services/user-moderation.service.js';
export { RouteUrlsService } from './core/services/route-urls.service.js';
