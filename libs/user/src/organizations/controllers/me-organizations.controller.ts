import { Controller, Get, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { mapMembership } from '../dto/organization.mapper.js';
import { OrganizationMembershipResponse } from '../dto/organization.response.js';
import { OrganizationAccessService } from '../services/organization-access.service.js';
import { OrganizationsService } from '../services/organizations.service.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/organizations')
@UserKitApi()
export class MeOrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly access: OrganizationAccessService,
  ) {}

  @Get()
  @NoStore()
  @ApiOkResponse({
    type: [OrganizationMembershipResponse],
    description: 'The organizations you belong to, with your role in each, in the order you joined',
  })
  async list(@CurrentUser('id') userId: string): Promise<OrganizationMembershipResponse[]> {
    const views = await this.organizations.listMine(userId);
    return views.map((view) => mapMembership(view, this.access.permissionsOf(view.role)));
  }
}
