import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { UserAuditLogModuleOptions } from './options/audit-log-options.js';

export const {
  ConfigurableModuleClass: UserAuditLogConfigurableModule,
  MODULE_OPTIONS_TOKEN: AUDIT_LOG_MODULE_OPTIONS,
  OPTIONS_TYPE: AUDIT_LOG_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: AUDIT_LOG_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserAuditLogModuleOptions>()
  .setClassMethodName('forRoot')
  // Global like the core: the host (and later features) find AuditLogService without importing it.
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
