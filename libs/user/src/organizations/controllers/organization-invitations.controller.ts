import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { CreateInvitationDto } from '../dto/organization-invitation.dto.js';
import { mapInvitation } from '../dto/organization.mapper.js';
import { OrganizationInvitationResponse } from '../dto/organization.response.js';
import { OrganizationInvitationsService } from '../services/organization-invitations.service.js';

const NOT_A_MEMBER = 'ORGANIZATION_NOT_FOUND: no such organization, or you are not a member of it';
const DENIED = 'ORGANIZATION_PERMISSION_DENIED: your role lacks `invitations:manage`';

@ApiTags('organizations')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('organizations/:id/invitations')
@UserKitApi()
export class OrganizationInvitationsController {
  constructor(private readonly invitations: OrganizationInvitationsService) {}

  @Post()
  @ApiCreatedResponse({
    type: OrganizationInvitationResponse,
    description:
      'Sent: the MessageSender got the invitation (its link holds a single-use token, valid 7 days)',
  })
  @ApiUserKitError(400, {
    description: 'Not an email address; ORGANIZATION_ROLE_NOT_FOUND: no such role',
  })
  @ApiUserKitError(403, { description: `${DENIED}; or only an owner invites an owner` })
  @ApiUserKitError(404, { description: NOT_A_MEMBER })
  @ApiUserKitError(409, {
    description:
      'ORGANIZATION_ALREADY_MEMBER: a member holds the address; ORGANIZATION_INVITATION_PENDING: one is pending for it',
  })
  async create(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Param('id') id: string,
    @Body() body: CreateInvitationDto,
  ): Promise<OrganizationInvitationResponse> {
    return mapInvitation(await this.invitations.invite(id, (await me.load()).user, body));
  }

  @Get()
  @NoStore()
  @ApiOkResponse({
    type: [OrganizationInvitationResponse],
    description: 'The pending invitations, oldest first',
  })
  @ApiUserKitError(403, { description: DENIED })
  @ApiUserKitError(404, { description: NOT_A_MEMBER })
  async list(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
  ): Promise<OrganizationInvitationResponse[]> {
    return (await this.invitations.listPending(id, userId)).map(mapInvitation);
  }

  @Delete(':invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: it can no longer be accepted' })
  @ApiUserKitError(403, { description: DENIED })
  @ApiUserKitError(404, {
    description: `${NOT_A_MEMBER}; ORGANIZATION_INVITATION_NOT_FOUND: no such pending invitation`,
  })
  async revoke(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
    @Param('invitationId') invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(id, userId, invitationId);
  }
}
