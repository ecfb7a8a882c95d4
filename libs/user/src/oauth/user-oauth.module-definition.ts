import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { UserOAuthModuleOptions } from './options/user-oauth-module-options.js';

export const {
  ConfigurableModuleClass: UserOAuthConfigurableModule,
  MODULE_OPTIONS_TOKEN: USER_OAUTH_MODULE_OPTIONS,
  OPTIONS_TYPE: USER_OAUTH_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: USER_OAUTH_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserOAuthModuleOptions>()
  .setClassMethodName('forRoot')
  // Global like the core: the pages (and the host) find the providers and services it exports.
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
