import { Controller, Delete, Param, Put, UploadedFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { mapMembership } from '../dto/organization.mapper.js';
import { OrganizationMembershipResponse } from '../dto/organization.response.js';
import { ImageUpload } from '../../profile-images/files/image-upload.decorator.js';
import type { MembershipView } from '../repositories/organizations.repository.js';
import { OrganizationAccessService } from '../services/organization-access.service.js';
import { OrganizationLogosService } from '../services/organization-logos.service.js';

/** The part of a multer upload this route reads (kept in memory: at most 5 MB). */
interface UploadedBytes {
  buffer: Buffer;
}

const NOT_A_MEMBER =
  'ORGANIZATION_NOT_FOUND: no such organization, or you are not a member of it; ORGANIZATION_LOGOS_DISABLED: the app has no file storage';
const NOT_ALLOWED = 'ORGANIZATION_PERMISSION_DENIED: your role lacks `organization:update`';

@ApiTags('organizations')
@Authenticated()
@Controller('organizations')
@UserKitApi()
export class OrganizationLogoController {
  constructor(
    private readonly logos: OrganizationLogosService,
    private readonly access: OrganizationAccessService,
  ) {}

  @Put(':id/logo')
  @ImageUpload('ORGANIZATION_LOGO_MISSING')
  @ApiOkResponse({
    type: OrganizationMembershipResponse,
    description: 'Stored; `organization.logoUrl` points to it (the previous logo is deleted)',
  })
  @ApiUserKitError(400, {
    description:
      'No file, another field or extra parts (ORGANIZATION_LOGO_MISSING), or not a PNG, JPEG, GIF or WebP image (ORGANIZATION_LOGO_UNSUPPORTED)',
  })
  @ApiUserKitError(403, { description: NOT_ALLOWED })
  @ApiUserKitError(404, { description: NOT_A_MEMBER })
  async setLogo(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
    @UploadedFile() file: UploadedBytes | undefined,
  ): Promise<OrganizationMembershipResponse> {
    return this.present(await this.logos.setLogo(id, userId, file?.buffer));
  }

  @Delete(':id/logo')
  @ApiOkResponse({
    type: OrganizationMembershipResponse,
    description: 'No logo any more (`logoUrl` null); its file is deleted',
  })
  @ApiUserKitError(403, { description: NOT_ALLOWED })
  @ApiUserKitError(404, { description: NOT_A_MEMBER })
  async removeLogo(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
  ): Promise<OrganizationMembershipResponse> {
    return this.present(await this.logos.removeLogo(id, userId));
  }

  private present(view: MembershipView): OrganizationMembershipResponse {
    return mapMembership(view, this.access.permissionsOf(view.role));
  }
}
