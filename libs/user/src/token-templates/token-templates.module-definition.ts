import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { UserTokenTemplatesOptions } from './options/user-token-templates-options.js';

export const {
  ConfigurableModuleClass: UserTokenTemplatesConfigurableModule,
  MODULE_OPTIONS_TOKEN: TOKEN_TEMPLATES_MODULE_OPTIONS,
  OPTIONS_TYPE: TOKEN_TEMPLATES_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: TOKEN_TEMPLATES_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserTokenTemplatesOptions>()
  .setClassMethodName('forRoot')
  .setExtras({}, (definition) => ({
    ...definition,
    // Global: the host's own modules inject TokenTemplatesService without importing it.
    global: true,
  }))
  .build();
