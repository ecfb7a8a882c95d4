import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './controllers/auth.controller.js';
import { MeController } from './controllers/me.controller.js';
import { MeUpgradeController } from './controllers/me-upgrade.controller.js';
import { AdminUsersController } from './controllers/admin-users.controller.js';
import { AdminRolesController } from './controllers/admin-roles.controller.js';
import { RolesGuard } from './guards/roles.guard.js';
import { UserAuthGuard } from './guards/user-auth.guard.js';
import { MeProfileImageController } from './controllers/me-profile-image.controller.js';
import { ProfileImagesController } from './controllers/profile-images.controller.js';
import type { UserModuleExtras, UserModuleOptions } from './options/user-module-options.js';

export const USER_CONTROLLERS = [
  AuthController,
  MeController,
  MeUpgradeController,
  AdminUsersController,
  AdminRolesController,
  MeProfileImageController,
  ProfileImagesController,
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
    return {
      ...definition,
      global: extras.isGlobal ?? false,
      controllers: extras.routes === false ? [] : USER_CONTROLLERS,
      providers: [...(definition.providers ?? []), ...guards],
    };
  })
  .build();
