// `@userkit/user/audit-log`: a record of every security event, its admin and self-service routes.
export { UserAuditLogModule } from './user-audit-log.module.js';
export {
  AUDIT_LOG_MODULE_OPTIONS,
  AUDIT_LOG_OPTIONS_TYPE,
  AUDIT_LOG_ASYNC_OPTIONS_TYPE,
} from './user-audit-log.module-definition.js';
export type {
  UserAuditLogModuleOptions,
  ResolvedAuditLogOptions,
} from './options/audit-log-options.js';
export { AUDIT_LOG_ENTITIES, AuditLogEntry } from './entities/index.js';
export { AUDIT_LOG_MIGRATIONS } from './migrations/index.js';
export { AUDIT_LOG_TYPES, SECURITY_ACTIVITY_TYPES, type AuditLogType } from './audit-log-types.js';
export {
  AuditLogService,
  type AuditLogQuery,
  type AuditLogPage,
} from './services/audit-log.service.js';
export type { AuditLogRecord } from './services/audit-log-record.js';
export { AuditLogPruner } from './services/audit-log-pruner.js';
