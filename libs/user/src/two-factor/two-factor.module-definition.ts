import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { UserTwoFactorModuleOptions } from './options/two-factor-options.js';

export const {
  ConfigurableModuleClass: UserTwoFactorConfigurableModule,
  MODULE_OPTIONS_TOKEN: TWO_FACTOR_MODULE_OPTIONS,
  OPTIONS_TYPE: TWO_FACTOR_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: TWO_FACTOR_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserTwoFactorModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({}, (definition) => ({
    ...definition,
    // Global: the core's sign-in finds the SecondFactor it provides without importing it.
    global: true,
  }))
  .build();
