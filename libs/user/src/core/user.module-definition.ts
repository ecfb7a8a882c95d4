import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './controllers/auth.controller.js';
import { MeController } from './controllers/me.controller.js';
import { MeAccountController } from './controllers/me-account.controller.js';
import { MeUpgradeController } from './controllers/me-upgrade.controller.js';
import { AdminUsersController } from './controllers/admin-users.controller.js';
import { AdminUserImportExportController } from './import-export/admin-user-import-export.controller.js';
import { AdminRolesController } from './controllers/admin-roles.controller.js';
import { MeSessionsController } from './controllers/me-sessions.controller.js';
import { MePasswordController } from './controllers/me-password.controller.js';
import { PasswordRecoveryController } from './controllers/password-recovery.controller.js';
import { RolesGuard } from './guards/roles.guard.js';
import { AdminAttributesController } from './controllers/admin-attributes.controller.js';
import { AdminUserModerationController } from './controllers/admin-user-moderation.controller.js';
import { AdminImpersonationController } from './controllers/admin-impersonation.controller.js';
import { AdminUserRecoveryController } from './controllers/admin-user-recovery.controller.js';
import { AdminUserSessionsController } from './controllers/admin-user-sessions.controller.js';
import { UserInfoController } from './controllers/userinfo.controller.js';
import { UserAuthGuard } from './guards/user-auth.guard.js';
import type { UserModuleExtras, UserModuleOptions } from './options/user-module-options.js';
import type { RemovedUserModuleExtras } from './options/resolve-options.js';
import { MeAttributeSchemaController } from './controllers/me-attribute-schema.controller.js';
import { SignUpAttributesController } from './controllers/sign-up-attributes.controller.js';

export const USER_CONTROLLERS = [
  AuthController,
  MeController,
  MeAccountController,
  MeUpgradeController,
  // Before AdminUsersController: its `:id` routes would take `import` and `export` as ids.
  AdminUserImportExportController,
  AdminUsersController,
  AdminRolesController,
  MeSessionsController,
  MePasswordController,
  PasswordRecoveryController,
  AdminAttributesController,
  AdminUserModerationController,
  AdminUserSessionsController,
  AdminUserRecoveryController,
  AdminImpersonationController,
  UserInfoController,
  MeAttributeSchemaController,
  SignUpAttributesController,
];

/** The extras of 0.1.0 that are gone, as given (RemovedUserModuleExtras): refused at start. */
export const USER_MODULE_REMOVED_EXTRAS = Symbol('UserKit.RemovedExtras');

// `ui` is no extra of the type, but listed here so forRoot keeps it out of the options and the
// definition below sees it, under forRootAsync too: a host upgrading from 0.1.0 is told where the
// pages went instead of starting without them.
const DEFAULT_EXTRAS: Required<UserModuleExtras> & Required<RemovedUserModuleExtras> = {
  isGlobal: false,
  globalGuards: false,
  routes: true,
  ui: undefined,
};

export const {
  ConfigurableModuleClass: UserConfigurableModule,
  MODULE_OPTIONS_TOKEN: USER_MODULE_OPTIONS,
  OPTIONS_TYPE: USER_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: USER_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<UserModuleExtras>(DEFAULT_EXTRAS, (definition, extras) => {
    const guards: Provider[] = extras.globalGuards
      ? [
          { provide: APP_GUARD, useExisting: UserAuthGuard },
          { provide: APP_GUARD, useExisting: RolesGuard },
        ]
      : [];
    const controllers = extras.routes === false ? [] : USER_CONTROLLERS;
    // Checked with the options (resolveUserOptions), so the start fails with every problem at once.
    const removedExtras: RemovedUserModuleExtras = {
      ui: (extras as UserModuleExtras & RemovedUserModuleExtras).ui,
    };
    return {
      ...definition,
      // Global like MikroOrmCoreModule: the feature modules (and the host) inject the core's services.
      global: true,
      controllers,
      providers: [
        ...(definition.providers ?? []),
        { provide: USER_MODULE_REMOVED_EXTRAS, useValue: removedExtras },
        ...guards,
      ],
    };
  })
  .build();
