import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, UsePipes } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { EmptyBodyPipe } from '../../core/validation/empty-body.pipe.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { AcceptInvitationDto } from '../dto/organization-invitation.dto.js';
import { mapMembership, mapMyInvitation } from '../dto/organization.mapper.js';
import {
  MyInvitationResponse,
  OrganizationMembershipResponse,
} from '../dto/organization.response.js';
import { OrganizationAccessService } from '../services/organization-access.service.js';
import { OrganizationInvitationsService } from '../services/organization-invitations.service.js';

const NOT_FOUND =
  'ORGANIZATION_INVITATION_NOT_FOUND: no such pending invitation to one of your verified addresses (expired, answered, revoked, or a wrong token)';

/** The invitee's side: the invitations to their verified addresses, and the answers. */
@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller()
@UserKitApi()
export class MeInvitationsController {
  constructor(
    private readonly invitations: OrganizationInvitationsService,
    private readonly access: OrganizationAccessService,
  ) {}

  @Get('me/invitations')
  @NoStore()
  @ApiOkResponse({
    type: [MyInvitationResponse],
    description: 'Pending invitations to your verified addresses, oldest first',
  })
  async list(@CurrentUser('id') userId: string): Promise<MyInvitationResponse[]> {
    return (await this.invitations.listMine(userId)).map(mapMyInvitation);
  }

  @Post('invitations/:invitationId/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: OrganizationMembershipResponse,
    description: 'You are a member now, with the role of the invitation',
  })
  @ApiUserKitError(404, { description: NOT_FOUND })
  @ApiUserKitError(409, {
    description:
      'ORGANIZATION_ALREADY_MEMBER: you are a member already; ORGANIZATION_LIMIT_REACHED / ORGANIZATION_MEMBER_LIMIT_REACHED: a limit of the app (the invitation stays pending)',
  })
  async accept(
    @CurrentUser('id') userId: string,
    @Param('invitationId') invitationId: string,
    @Body() body: AcceptInvitationDto,
  ): Promise<OrganizationMembershipResponse> {
    const view = await this.invitations.accept(invitationId, userId, body.token);
    return mapMembership(view, this.access.permissionsOf(view.role));
  }

  @Post('invitations/:invitationId/decline')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Declined: it can no longer be accepted' })
  @ApiUserKitError(404, { description: NOT_FOUND })
  async decline(
    @CurrentUser('id') userId: string,
    @Param('invitationId') invitationId: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<void> {
    await this.invitations.decline(invitationId, userId);
  }
}
