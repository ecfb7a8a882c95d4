import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UserDataExportSections } from '../../core/extension-points/user-data-export.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { mapSecurityActivity } from '../dto/audit-log.mapper.js';
import type { SecurityActivityResponse } from '../dto/audit-log.response.js';
import { AuditLogService } from './audit-log.service.js';

/**
 * Adds `securityActivity` to the user's own export (`GET /me/export`): every record of their
 * trail `GET /me/security-activity` would show, newest first, in the same shape. Not the records
 * only admins see (admin actions name the admin).
 */
@Injectable()
export class SecurityActivityExportSection implements OnModuleInit {
  readonly name = 'securityActivity';

  constructor(
    private readonly sections: UserDataExportSections,
    private readonly auditLog: AuditLogService,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async collect(principal: AuthenticatedPrincipal): Promise<SecurityActivityResponse[]> {
    const entries = await this.auditLog.allOwnSecurityActivity(principal.id);
    return entries.map((entry) => mapSecurityActivity(entry, principal.sessionId));
  }
}
