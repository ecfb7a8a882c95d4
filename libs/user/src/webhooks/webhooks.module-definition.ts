import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { UserWebhooksModuleOptions } from './options/webhooks-options.js';

export const {
  ConfigurableModuleClass: UserWebhooksConfigurableModule,
  MODULE_OPTIONS_TOKEN: WEBHOOKS_MODULE_OPTIONS,
  OPTIONS_TYPE: WEBHOOKS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: WEBHOOKS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserWebhooksModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
