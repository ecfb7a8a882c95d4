import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ADMIN_ROLE } from '../../core/options/built-in-roles.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { mapAuditLogEntry } from '../dto/audit-log.mapper.js';
import { AuditLogQuery } from '../dto/audit-log.query.js';
import { AuditLogPageResponse } from '../dto/audit-log.response.js';
import { AuditLogService } from '../services/audit-log.service.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/audit-log')
@UserKitApi()
export class AdminAuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @NoStore()
  @ApiOkResponse({ type: AuditLogPageResponse, description: 'Records, newest first' })
  @ApiUserKitError(400, {
    description:
      'Bad parameters (an id, type, date, limit or cursor that is not valid; repeated values)',
  })
  async list(@Query() query: AuditLogQuery): Promise<AuditLogPageResponse> {
    const page = await this.auditLog.list(query);
    return { data: page.entries.map(mapAuditLogEntry), nextCursor: page.nextCursor };
  }
}
