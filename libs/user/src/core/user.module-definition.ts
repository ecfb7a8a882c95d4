import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './controllers/auth.controller.js';
import { MeController } from './controllers/me.controller.js';
import { MeUpgradeController } from './controllers/me-upgrade.controller.js';
import { AdminUsersController } from './controllers/admin-users.controller.js';
import { AdminRolesController } from './controllers/admin-roles.controller.js';
import { MeEmailsController } from '../contacts/controllers/me-emails.controller.js';
import { MePhonesController } from '../contacts/controllers/me-phones.controller.js';
import { MeSessionsController } from './controllers/me-sessions.controller.js';
import { MePasswordController } from './controllers/me-password.controller.js';
import { PasswordRecoveryController } from './controllers/password-recovery.controller.js';
import { RolesGuard } from './guards/roles.guard.js';
import { AdminAttributesController } from './controllers/admin-attributes.controller.js';
import { AdminUserModerationController } from './controllers/admin-user-moderation.controller.js';
import { UserInfoController } from './controllers/userinfo.controller.js';
import { MeTokensController } from '../token-templates/controllers/me-tokens.controller.js';
import { JwksController } from '../token-templates/controllers/jwks.controller.js';
import { UserAuthGuard } from './guards/user-auth.guard.js';
import { MeProfileImageController } from '../profile-images/controllers/me-profile-image.controller.js';
import { ProfileImagesController } from '../profile-images/controllers/profile-images.controller.js';
import type { UserModuleExtras, UserModuleOptions } from './options/user-module-options.js';
import { MeAttributeSchemaController } from './controllers/me-attribute-schema.controller.js';

export const USER_CONTROLLERS = [
  AuthController,
  MeController,
  MeUpgradeController,
  AdminUsersController,
  AdminRolesController,
  MeEmailsController,
  MePhonesController,
  MeSessionsController,
  MePasswordController,
  PasswordRecoveryController,
  AdminAttributesController,
  AdminUserModerationController,
  UserInfoController,
  MeTokensController,
  JwksController,
  MeProfileImageController,
  ProfileImagesController,
  MeAttributeSchemaController,
];

const DEFAULT_EXTRAS: Required<UserModuleExtras> = {
  isGlobal: false,
  globalGuards: false,
  routes: true,
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
    return {
      ...definition,
      // Global like MikroOrmCoreModule: the feature modules (and the host) inject the core's services.
      global: true,
      controllers,
      providers: [...(definition.providers ?? []), ...guards],
    };
  })
  .build();
