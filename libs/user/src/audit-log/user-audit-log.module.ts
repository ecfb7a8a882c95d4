import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AdminAuditLogController } from './controllers/admin-audit-log.controller.js';
import { MeSecurityActivityController } from './controllers/me-security-activity.controller.js';
import { AUDIT_LOG_ENTITIES } from './entities/index.js';
import {
  AUDIT_LOG_OPTIONS,
  resolveAuditLogOptions,
  type UserAuditLogModuleOptions,
} from './options/audit-log-options.js';
import { AuditLogRepository } from './repositories/audit-log.repository.js';
import { AuditLogPruner } from './services/audit-log-pruner.js';
import { AuditLogRecorder } from './services/audit-log-recorder.js';
import { AuditLogService } from './services/audit-log.service.js';
import { SecurityActivityExportSection } from './services/security-activity-export-section.js';
import {
  AUDIT_LOG_MODULE_OPTIONS,
  UserAuditLogConfigurableModule,
} from './user-audit-log.module-definition.js';

/**
 * The audit log: a record of each security event the library emits (sign-ins and failures,
 * sign-ups, sessions ending, password, two-factor, identifier, role and ban changes, every admin
 * action), `GET /admin/audit-log` and `GET /me/security-activity` (also a section of the user's own export,
 * `GET /me/export`), and pruning after
 * `retentionDays`. Needs UserModule (global); listens in-process, no EventEmitterModule needed.
 */
@Module({
  imports: [MikroOrmModule.forFeature(AUDIT_LOG_ENTITIES)],
  controllers: [AdminAuditLogController, MeSecurityActivityController],
  providers: [
    {
      provide: AUDIT_LOG_OPTIONS,
      useFactory: (options: UserAuditLogModuleOptions) => resolveAuditLogOptions(options),
      inject: [AUDIT_LOG_MODULE_OPTIONS],
    },
    AuditLogRepository,
    AuditLogService,
    AuditLogRecorder,
    AuditLogPruner,
    SecurityActivityExportSection,
  ],
  exports: [AuditLogService, AuditLogPruner],
})
export class UserAuditLogModule extends UserAuditLogConfigurableModule {}
