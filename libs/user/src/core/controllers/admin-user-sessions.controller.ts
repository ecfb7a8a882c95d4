import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { mapAdminSession } from '../dto/session.mapper.js';
import { AdminSessionResponse } from '../dto/session.response.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import {
  ADMIN_SESSION_LIST_LIMIT,
  UserSessionsService,
} from '../services/user-sessions.service.js';
import { ResourceIdPipe } from '../validation/resource-id.pipe.js';

/** An admin's view of a user's sessions, and ending one of them (all of them: moderation). */
@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@Controller('admin/users')
@UserKitApi()
export class AdminUserSessionsController {
  constructor(private readonly sessions: UserSessionsService) {}

  @Get(':id/sessions')
  @ApiOkResponse({
    type: [AdminSessionResponse],
    description: `The user's ${ADMIN_SESSION_LIST_LIMIT} newest sessions, newest first: live ones (\`status: active\`) and ended ones (\`revoked\` with the reason, or \`expired\`)`,
  })
  @ApiUserKitError(404)
  async list(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
  ): Promise<AdminSessionResponse[]> {
    const now = new Date();
    const sessions = await this.sessions.listOfUser(id);
    return sessions.map((session) => mapAdminSession(session, now));
  }

  @Delete(':id/sessions/:sessionId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description:
      'That session is revoked now (`admin_revoked`): its access and refresh tokens are refused at the next request',
  })
  @ApiUserKitError(404, { description: 'No such user, or no such live session of theirs' })
  async revoke(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @Param('sessionId') sessionId: string,
  ): Promise<void> {
    await this.sessions.revokeOfUser(id, sessionId);
  }
}
