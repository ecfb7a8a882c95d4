import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Logger, Module } from '@nestjs/common';
import { USER_ENTITIES } from './entities/index.js';
import { PasswordHasher } from './extension-points/password-hasher.js';
import { UserLifecycleHooks } from './extension-points/user-lifecycle-hooks.js';
import { LegacyUserStore } from './extension-points/legacy-user-store.js';
import { LegacyUserMigrationService } from './services/legacy-user-migration.service.js';
import { RolesGuard } from './guards/roles.guard.js';
import { UserAuthGuard } from './guards/user-auth.guard.js';
import { resolveUserOptions, type RemovedUserModuleExtras } from './options/resolve-options.js';
import type { UserModuleOptions } from './options/user-module-options.js';
import { OrmContext } from './repositories/orm-context.js';
import { SignInAttemptsRepository } from './repositories/sign-in-attempts.repository.js';
import { RolesRepository } from './repositories/roles.repository.js';
import { RoleDeletionRepository } from './repositories/role-deletion.repository.js';
import { SessionsRepository } from './repositories/sessions.repository.js';
import { UsersRepository } from './repositories/users.repository.js';
import { AccessTokenService } from './services/access-token.service.js';
import { AccountsService } from './services/accounts.service.js';
import { Argon2PasswordHasher } from './services/argon2-password-hasher.js';
import { ImportedHashesPasswordHasher } from './services/imported-hashes/imported-hashes-password-hasher.js';
import { PasswordPolicyService } from './services/password-policy.service.js';
import { ProfileService } from './services/profile.service.js';
import { RolesService } from './services/roles.service.js';
import { SessionsService } from './services/sessions.service.js';
import { UsersService } from './services/users.service.js';
import { AdminUsersService } from './services/admin-users.service.js';
import { UserSearchRepository } from './repositories/user-search.repository.js';
import { HashingGate } from './services/hashing-gate.js';
import { SignInAttemptsService } from './services/sign-in-attempts.service.js';
import { RateLimitStorage } from './extension-points/rate-limit-storage.js';
import { RateLimitGuard } from './guards/rate-limit.guard.js';
import { MemoryThrottlerStorage } from './rate-limit/memory-throttler-storage.js';
import { FailOpenRateLimitStorage } from './rate-limit/fail-open-rate-limit-storage.js';
import { USER_OPTIONS } from './tokens.js';
import { MessageSender } from './extension-points/message-sender.js';
import { LoggingMessageSender } from './messages/logging-message-sender.js';
import { PasswordResetTokensRepository } from './repositories/password-reset-tokens.repository.js';
import { EmailAddressesRepository } from './repositories/email-addresses.repository.js';
import { UserSessionsRepository } from './repositories/user-sessions.repository.js';
import { MessageDeliveryService } from './services/message-delivery.service.js';
import { PasswordSignInService } from './services/password-sign-in.service.js';
import { AdminRecoveryService } from './services/admin-recovery.service.js';
import { ImpersonationService } from './services/impersonation.service.js';
import { ImpersonatorsRead } from './services/impersonators-read.js';
import { PasswordsService } from './services/passwords.service.js';
import { SignInMethodsService } from './services/sign-in-methods.service.js';
import { UsernamesService } from './services/usernames.service.js';
import { UserSessionsService } from './services/user-sessions.service.js';
import { RecentSignInGuard } from './guards/recent-sign-in.guard.js';
import { ImpersonationGuard } from './guards/impersonation.guard.js';
import { AttributeDefinitionsRepository } from './repositories/attribute-definitions.repository.js';
import { UserModerationRepository } from './repositories/user-moderation.repository.js';
import { LockedUserUpdateRepository } from './repositories/locked-user-update.repository.js';
import { TokenResponsesService } from './services/token-responses.service.js';
import { UnverifiedClaimResetRepository } from './repositories/unverified-claim-reset.repository.js';
import { OwnViewRepository } from './repositories/own-view.repository.js';
import { UserEventsPublisher } from './events/user-events.publisher.js';
import { AttributeSchemaService } from './services/attribute-schema.service.js';
import { ProfileAttributesService } from './services/profile-attributes.service.js';
import { UserInfoService } from './services/userinfo.service.js';
import { UserModerationService } from './services/user-moderation.service.js';
import {
  UserConfigurableModule,
  USER_MODULE_OPTIONS,
  USER_MODULE_REMOVED_EXTRAS,
} from './user.module-definition.js';
import { RouteUrlsService } from './services/route-urls.service.js';
import { UserFeatureListeners } from './services/user-feature-listeners.js';
import { AttributeReferences } from './services/attribute-references.js';
import { CustomAttributeValuesRepository } from './repositories/custom-attribute-values.repository.js';
import { TransactionalEventSinks } from './extension-points/transactional-event-sink.js';
import { DeclaredFieldsService } from './services/declared-fields.service.js';
import { SelfViewExtensionService } from './services/self-view-extension.service.js';
import { StartupDeclarationsService } from './services/startup-declarations.service.js';
import { SessionRevocationService } from './services/session-revocation.service.js';
import { RevokedSessions } from './services/revoked-sessions.js';
import { SessionCheckReads } from './extension-points/session-check-reads.js';
import { UserCreationService } from './services/user-creation.service.js';
import { UserImportService } from './import-export/user-import.service.js';
import { ImportedUsersRepository } from './import-export/imported-users.repository.js';
import { ExportedUsersRepository } from './import-export/exported-users.repository.js';
import { UserExportService } from './import-export/user-export.service.js';
import { UserDeletionService } from './services/user-deletion.service.js';
import { UserUpdateService } from './services/user-update.service.js';
import { UserDataExportService } from './services/user-data-export.service.js';
import { UserDataExportSections } from './extension-points/user-data-export.js';

const SERVICES = [
  UserCreationService,
  UserUpdateService,
  UserDeletionService,
  SessionRevocationService,
  AccountsService,
  SessionsService,
  AccessTokenService,
  PasswordPolicyService,
  ProfileService,
  RolesService,
  UsersService,
  AdminUsersService,
  MessageDeliveryService,
  PasswordSignInService,
  PasswordsService,
  AdminRecoveryService,
  ImpersonationService,
  ImpersonatorsRead,
  SignInMethodsService,
  UsernamesService,
  UserSessionsService,
  AttributeSchemaService,
  ProfileAttributesService,
  UserInfoService,
  UserModerationService,
  RouteUrlsService,
  TokenResponsesService,
  UserFeatureListeners,
  AttributeReferences,
  TransactionalEventSinks,
  UserDataExportService,
  UserDataExportSections,
  LegacyUserMigrationService,
  UserImportService,
  UserExportService,
];

/**
 * Users, sessions, roles and the HTTP routes of API.md. The host owns MikroORM: it lists
 * USER_ENTITIES and USER_MIGRATIONS in its own config; this module never opens a connection.
 */
@Module({
  imports: [MikroOrmModule.forFeature(USER_ENTITIES)],
  providers: [
    {
      provide: USER_OPTIONS,
      useFactory: (options: UserModuleOptions, removedExtras: RemovedUserModuleExtras) =>
        resolveUserOptions(options, removedExtras),
      inject: [USER_MODULE_OPTIONS, USER_MODULE_REMOVED_EXTRAS],
    },
    {
      provide: PasswordHasher,
      useFactory: (options: UserModuleOptions) =>
        // A host's own hasher is used as given; the default also verifies imported hashes.
        options.passwordHasher ??
        new ImportedHashesPasswordHasher(
          new Argon2PasswordHasher(),
          options.importedPasswordHashes?.firebaseScrypt,
        ),
      inject: [USER_MODULE_OPTIONS],
    },
    {
      provide: UserLifecycleHooks,
      useFactory: (options: UserModuleOptions): UserLifecycleHooks => options.lifecycleHooks ?? {},
      inject: [USER_MODULE_OPTIONS],
    },
    {
      provide: LegacyUserStore,
      useFactory: (options: UserModuleOptions) => options.legacyUserStore ?? null,
      inject: [USER_MODULE_OPTIONS],
    },
    {
      provide: RateLimitStorage,
      useFactory: (options: UserModuleOptions) => {
        if (!options.rateLimitStorage) return new MemoryThrottlerStorage();
        return options.rateLimitFailure === 'open'
          ? new FailOpenRateLimitStorage(options.rateLimitStorage)
          : options.rateLimitStorage;
      },
      inject: [USER_MODULE_OPTIONS],
    },
    {
      provide: MessageSender,
      useFactory: (options: UserModuleOptions) => {
        if (options.messageSender) return options.messageSender;
        new Logger('UserKit').warn(
          'No messageSender configured: verification codes and reset links are written to the log. Configure one (e.g. SmtpMessageSender) in production.',
        );
        return new LoggingMessageSender();
      },
      inject: [USER_MODULE_OPTIONS],
    },
    PasswordResetTokensRepository,
    EmailAddressesRepository,
    UserSessionsRepository,
    RecentSignInGuard,
    ImpersonationGuard,
    HashingGate,
    SignInAttemptsRepository,
    SignInAttemptsService,
    RateLimitGuard,
    OrmContext,
    UserSearchRepository,
    UsersRepository,
    SessionsRepository,
    RolesRepository,
    ImportedUsersRepository,
    ExportedUsersRepository,
    RoleDeletionRepository,
    AttributeDefinitionsRepository,
    CustomAttributeValuesRepository,
    UserModerationRepository,
    LockedUserUpdateRepository,
    OwnViewRepository,
    UnverifiedClaimResetRepository,
    UserEventsPublisher,
    DeclaredFieldsService,
    StartupDeclarationsService,
    SelfViewExtensionService,
    RevokedSessions,
    SessionCheckReads,
    ...SERVICES,
    UserAuthGuard,
    RolesGuard,
  ],
  exports: [
    USER_OPTIONS,
    OrmContext,
    RateLimitStorage,
    RateLimitGuard,
    SignInAttemptsService,
    PasswordHasher,
    UserLifecycleHooks,
    MessageSender,
    RecentSignInGuard,
    ImpersonationGuard,
    // What the feature modules build on: users, sessions, addresses and the events.
    UsersRepository,
    SessionsRepository,
    EmailAddressesRepository,
    UserEventsPublisher,
    SessionCheckReads,
    ...SERVICES,
    UserAuthGuard,
    RolesGuard,
  ],
})
export class UserModule extends UserConfigurableModule {}
