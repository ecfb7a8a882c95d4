import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ADMIN_ROLE } from '../../core/options/built-in-roles.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { MembersPageQuery } from '../dto/organization-member.dto.js';
import {
  AdminCreateOrganizationDto,
  AdminOrganizationsQuery,
  AdminUpdateOrganizationDto,
} from '../dto/organization.dto.js';
import { mapAdminOrganization, mapMember } from '../dto/organization.mapper.js';
import {
  AdminOrganizationResponse,
  AdminOrganizationsPageResponse,
  OrganizationMembersPageResponse,
} from '../dto/organization.response.js';
import { OrganizationMembersService } from '../services/organization-members.service.js';
import { OrganizationsService } from '../services/organizations.service.js';

/** The app's admins (the global `admin` role) see and manage every organization. */
@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/organizations')
@UserKitApi()
export class AdminOrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly members: OrganizationMembersService,
  ) {}

  @Get()
  @NoStore()
  @ApiOkResponse({ type: AdminOrganizationsPageResponse, description: 'Newest first' })
  @ApiUserKitError(400, { description: 'Bad limit, cursor or search' })
  async list(@Query() query: AdminOrganizationsQuery): Promise<AdminOrganizationsPageResponse> {
    const page = await this.organizations.page(query);
    return { data: page.organizations.map(mapAdminOrganization), nextCursor: page.nextCursor };
  }

  @Post()
  @ApiCreatedResponse({
    type: AdminOrganizationResponse,
    description: 'Created; `ownerId` its owner',
  })
  @ApiUserKitError(400, { description: 'A blank name, a bad slug' })
  @ApiUserKitError(404, { description: 'USER_NOT_FOUND: no such owner' })
  @ApiUserKitError(409, {
    description: 'ORGANIZATION_SLUG_TAKEN; ORGANIZATION_LIMIT_REACHED (the owner is at the limit)',
  })
  async create(@Body() body: AdminCreateOrganizationDto): Promise<AdminOrganizationResponse> {
    const { ownerId, ...organization } = body;
    return mapAdminOrganization(
      (await this.organizations.create(ownerId, organization)).organization,
    );
  }

  @Get(':id')
  @NoStore()
  @ApiOkResponse({ type: AdminOrganizationResponse, description: 'The organization' })
  @ApiUserKitError(404, { description: 'ORGANIZATION_NOT_FOUND' })
  async get(@Param('id') id: string): Promise<AdminOrganizationResponse> {
    return mapAdminOrganization(await this.organizations.getAsAdmin(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: AdminOrganizationResponse, description: 'The organization now' })
  @ApiUserKitError(400, {
    description:
      'A blank or too long name, a slug not of the pattern, metadata not a JSON object (or over 8 KB, 10 levels)',
  })
  @ApiUserKitError(404, { description: 'ORGANIZATION_NOT_FOUND' })
  @ApiUserKitError(409, { description: 'ORGANIZATION_SLUG_TAKEN: another organization has it' })
  async update(
    @Param('id') id: string,
    @Body() body: AdminUpdateOrganizationDto,
  ): Promise<AdminOrganizationResponse> {
    return mapAdminOrganization(await this.organizations.updateAsAdmin(id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its memberships and invitations' })
  @ApiUserKitError(404, { description: 'ORGANIZATION_NOT_FOUND' })
  async delete(@Param('id') id: string): Promise<void> {
    await this.organizations.deleteAsAdmin(id);
  }

  @Get(':id/members')
  @NoStore()
  @ApiOkResponse({ type: OrganizationMembersPageResponse, description: 'In the order they joined' })
  @ApiUserKitError(400, { description: 'Bad limit, cursor or search' })
  @ApiUserKitError(404, { description: 'ORGANIZATION_NOT_FOUND' })
  async listMembers(
    @Param('id') id: string,
    @Query() query: MembersPageQuery,
  ): Promise<OrganizationMembersPageResponse> {
    const page = await this.members.listAsAdmin(id, query);
    return { data: page.members.map(mapMember), nextCursor: page.nextCursor };
  }
}
