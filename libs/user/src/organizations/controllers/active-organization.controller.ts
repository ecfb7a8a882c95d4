import { Body, Controller, Get, Put, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { SetActiveOrganizationDto } from '../dto/active-organization.dto.js';
import { ActiveOrganizationResponse } from '../dto/organization.response.js';
import type { MembershipView } from '../repositories/organizations.repository.js';
import { ActiveOrganizationService } from '../services/active-organization.service.js';
import { OrganizationAccessService } from '../services/organization-access.service.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/session/organization')
@UserKitApi()
export class ActiveOrganizationController {
  constructor(
    private readonly active: ActiveOrganizationService,
    private readonly access: OrganizationAccessService,
  ) {}

  @Get()
  @NoStore()
  @ApiOkResponse({
    type: ActiveOrganizationResponse,
    description: "This session's organization (none once you are no longer its member)",
  })
  async get(@CurrentUser() me: AuthenticatedPrincipal): Promise<ActiveOrganizationResponse> {
    return this.present(await this.active.get(me.sessionId, me.id));
  }

  @Put()
  @ApiOkResponse({ type: ActiveOrganizationResponse, description: 'Set (or cleared with null)' })
  @ApiUserKitError(404, {
    description: 'ORGANIZATION_NOT_FOUND: no such organization, or you are not a member of it',
  })
  async set(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: SetActiveOrganizationDto,
  ): Promise<ActiveOrganizationResponse> {
    return this.present(await this.active.set(me.sessionId, me.id, body.organizationId));
  }

  private present(view: MembershipView | null): ActiveOrganizationResponse {
    return view
      ? {
          organizationId: view.organization.id,
          slug: view.organization.slug,
          role: view.role,
          permissions: this.access.permissionsOf(view.role),
        }
      : { organizationId: null, slug: null, role: null, permissions: [] };
  }
}
