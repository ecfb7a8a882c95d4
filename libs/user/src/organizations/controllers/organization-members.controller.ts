import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Query,
  UsePipes,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { ChangeMemberRoleDto, MembersPageQuery } from '../dto/organization-member.dto.js';
import { mapMember } from '../dto/organization.mapper.js';
import {
  OrganizationMemberRoleResponse,
  OrganizationMembersPageResponse,
} from '../dto/organization.response.js';
import { OrganizationMembersService } from '../services/organization-members.service.js';

const NOT_A_MEMBER = 'ORGANIZATION_NOT_FOUND: no such organization, or you are not a member of it';
const MEMBER_NOT_FOUND = `${NOT_A_MEMBER}; ORGANIZATION_MEMBER_NOT_FOUND: the user is not a member`;

@ApiTags('organizations')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('organizations/:id/members')
@UserKitApi()
export class OrganizationMembersController {
  constructor(private readonly members: OrganizationMembersService) {}

  @Get()
  @NoStore()
  @ApiOkResponse({
    type: OrganizationMembersPageResponse,
    description:
      'Members in the order they joined, those matching `search` only when given; every member may list them',
  })
  @ApiUserKitError(400, { description: 'Bad limit or cursor' })
  @ApiUserKitError(404, { description: NOT_A_MEMBER })
  async list(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
    @Query() query: MembersPageQuery,
  ): Promise<OrganizationMembersPageResponse> {
    const page = await this.members.list(id, userId, query);
    return { data: page.members.map(mapMember), nextCursor: page.nextCursor };
  }

  @Patch(':userId')
  @ApiOkResponse({
    type: OrganizationMemberRoleResponse,
    description: 'The member has this role now',
  })
  @ApiUserKitError(400, { description: 'ORGANIZATION_ROLE_NOT_FOUND: no such role' })
  @ApiUserKitError(403, {
    description:
      'ORGANIZATION_PERMISSION_DENIED: your role lacks `members:manage`, or only an owner makes or unmakes an owner',
  })
  @ApiUserKitError(404, { description: MEMBER_NOT_FOUND })
  @ApiUserKitError(409, {
    description: 'ORGANIZATION_LAST_OWNER: the last owner cannot be demoted',
  })
  async changeRole(
    @CurrentUser('id') actorId: string,
    @Param('id') id: string,
    @Param('userId') memberId: string,
    @Body() body: ChangeMemberRoleDto,
  ): Promise<OrganizationMemberRoleResponse> {
    return this.members.changeRole(id, actorId, memberId, body.role);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed; your own id: you left the organization' })
  @ApiUserKitError(403, {
    description:
      'ORGANIZATION_PERMISSION_DENIED: removing another member needs `members:manage`, an owner needs an owner',
  })
  @ApiUserKitError(404, { description: MEMBER_NOT_FOUND })
  @ApiUserKitError(409, { description: 'ORGANIZATION_LAST_OWNER: the last owner cannot leave' })
  async remove(
    @CurrentUser('id') actorId: string,
    @Param('id') id: string,
    @Param('userId') memberId: string,
  ): Promise<void> {
    await this.members.remove(id, actorId, memberId);
  }
}
