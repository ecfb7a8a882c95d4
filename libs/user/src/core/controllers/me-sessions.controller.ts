import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { mapSession } from '../dto/session.mapper.js';
import { SessionResponse } from '../dto/session.response.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { UserSessionsService } from '../services/user-sessions.service.js';

@ApiTags('me')
@Authenticated()
@Controller('me/sessions')
@UserKitApi()
export class MeSessionsController {
  constructor(private readonly sessions: UserSessionsService) {}

  @Get()
  @ApiOkResponse({
    type: [SessionResponse],
    description: 'Live sessions, newest first, with the device each one signed in on',
  })
  async list(@CurrentUser() me: AuthenticatedPrincipal): Promise<SessionResponse[]> {
    const now = new Date();
    const sessions = await this.sessions.listLive(me.id);
    return sessions.map((session) => mapSession(session, me.sessionId, now));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: its tokens fail from the next request on' })
  @ApiUserKitError(404, { description: 'No such live session of yours' })
  async revoke(@CurrentUser('id') userId: string, @Param('id') id: string): Promise<void> {
    await this.sessions.revoke(userId, id);
  }
}
