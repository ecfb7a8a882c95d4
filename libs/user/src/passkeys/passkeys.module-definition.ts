import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { UserPasskeysModuleOptions } from './options/passkeys-options.js';

export const {
  ConfigurableModuleClass: UserPasskeysConfigurableModule,
  MODULE_OPTIONS_TOKEN: PASSKEYS_MODULE_OPTIONS,
  OPTIONS_TYPE: PASSKEYS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: PASSKEYS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserPasskeysModuleOptions>()
  .setClassMethodName('forRoot')
  .build();
