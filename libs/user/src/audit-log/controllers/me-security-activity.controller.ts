import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { mapSecurityActivity } from '../dto/audit-log.mapper.js';
import { AuditLogPageQuery } from '../dto/audit-log.query.js';
import { SecurityActivityPageResponse } from '../dto/audit-log.response.js';
import { AuditLogService } from '../services/audit-log.service.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/security-activity')
@UserKitApi()
export class MeSecurityActivityController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @NoStore()
  @ApiOkResponse({
    type: SecurityActivityPageResponse,
    description:
      'Your own sign-ins (and failed attempts), password and two-factor changes, newest first',
  })
  @ApiUserKitError(400, { description: 'Bad limit or cursor' })
  async list(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Query() query: AuditLogPageQuery,
  ): Promise<SecurityActivityPageResponse> {
    const page = await this.auditLog.listOwnSecurityActivity(me.id, query);
    return {
      data: page.entries.map((entry) => mapSecurityActivity(entry, me.sessionId)),
      nextCursor: page.nextCursor,
    };
  }
}
