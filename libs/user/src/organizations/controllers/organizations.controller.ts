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
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { mapMembership } from '../dto/organization.mapper.js';
import { CreateOrganizationDto, UpdateOrganizationDto } from '../dto/organization.dto.js';
import { OrganizationMembershipResponse } from '../dto/organization.response.js';
import type { MembershipView } from '../repositories/organizations.repository.js';
import { OrganizationAccessService } from '../services/organization-access.service.js';
import { OrganizationsService } from '../services/organizations.service.js';

const NOT_A_MEMBER = 'ORGANIZATION_NOT_FOUND: no such organization, or you are not a member of it';

@ApiTags('organizations')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('organizations')
@UserKitApi()
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly access: OrganizationAccessService,
  ) {}

  @Post()
  @ApiCreatedResponse({
    type: OrganizationMembershipResponse,
    description: 'The new organization; you are its owner',
  })
  @ApiUserKitError(400, { description: 'A blank or too long name, a slug not of the pattern' })
  @ApiUserKitError(409, {
    description:
      'ORGANIZATION_SLUG_TAKEN: another organization has it; ORGANIZATION_LIMIT_REACHED: you belong to as many organizations as the app allows',
  })
  async create(
    @CurrentUser('id') userId: string,
    @Body() body: CreateOrganizationDto,
  ): Promise<OrganizationMembershipResponse> {
    return this.present(await this.organizations.create(userId, body));
  }

  @Get(':id')
  @NoStore()
  @ApiOkResponse({
    type: OrganizationMembershipResponse,
    description: 'The organization, your role',
  })
  @ApiUserKitError(404, { description: NOT_A_MEMBER })
  async get(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
  ): Promise<OrganizationMembershipResponse> {
    return this.present(await this.organizations.get(id, userId));
  }

  @Patch(':id')
  @ApiOkResponse({ type: OrganizationMembershipResponse, description: 'The organization now' })
  @ApiUserKitError(400, { description: 'A blank or too long name, a slug not of the pattern' })
  @ApiUserKitError(403, {
    description: 'ORGANIZATION_PERMISSION_DENIED: your role lacks `organization:update`',
  })
  @ApiUserKitError(404, { description: NOT_A_MEMBER })
  @ApiUserKitError(409, { description: 'ORGANIZATION_SLUG_TAKEN: another organization has it' })
  async update(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
    @Body() body: UpdateOrganizationDto,
  ): Promise<OrganizationMembershipResponse> {
    return this.present(await this.organizations.update(id, userId, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its memberships' })
  @ApiUserKitError(403, {
    description: 'ORGANIZATION_PERMISSION_DENIED: only an owner deletes an organization',
  })
  @ApiUserKitError(404, { description: NOT_A_MEMBER })
  async delete(@CurrentUser('id') userId: string, @Param('id') id: string): Promise<void> {
    await this.organizations.delete(id, userId);
  }

  private present(view: MembershipView): OrganizationMembershipResponse {
    return mapMembership(view, this.access.permissionsOf(view.role));
  }
}
