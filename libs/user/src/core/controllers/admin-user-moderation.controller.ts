import {
  Body,
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  UsePipes,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { BanUserDto } from '../dto/ban-user.dto.js';
import { MergeMetadataDto } from '../dto/merge-metadata.dto.js';
import { mapUserAdmin } from '../dto/user.mapper.js';
import { AdminUserResponse } from '../dto/user.response.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { UserModerationService, type AdminUserView } from '../services/user-moderation.service.js';
import { withAttributes } from '../dto/attributes.mapper.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { EmptyBodyPipe } from '../validation/empty-body.pipe.js';
import { ResourceIdPipe } from '../validation/resource-id.pipe.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/users')
@UserKitApi()
export class AdminUserModerationController {
  constructor(private readonly moderation: UserModerationService) {}

  @Post(':id/ban')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: AdminUserResponse,
    description:
      'Banned: every session dies now; sign-in answers as for a wrong password, until an unban or bannedUntil',
  })
  @ApiUserKitError(400, {
    description: 'Banning yourself, or a bad reason or bannedUntil (not ISO 8601, or past)',
  })
  @ApiUserKitError(404)
  async ban(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @CurrentUser('id') adminId: string,
    @Body() body: BanUserDto,
  ): Promise<AdminUserResponse> {
    return this.toResponse(await this.moderation.ban(id, adminId, body ?? {}));
  }

  @Post(':id/unban')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiUserKitError(404)
  async unban(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ): Promise<AdminUserResponse> {
    return this.toResponse(await this.moderation.unban(id));
  }

  @Delete(':id/sessions')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description:
      'Every session of the user revoked now (access and refresh tokens); the user may sign in again',
  })
  @ApiUserKitError(404)
  async revokeSessions(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
  ): Promise<void> {
    await this.moderation.revokeSessions(id);
  }

  @Patch(':id/metadata')
  @ApiOkResponse({
    type: AdminUserResponse,
    description:
      'Each metadata object deep-merged (Clerk): nested objects merge, null deletes a key',
  })
  @ApiUserKitError(400, {
    description: 'Not JSON objects, or the result breaks the metadata limits',
  })
  @ApiUserKitError(404)
  async mergeMetadata(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @Body() body: MergeMetadataDto,
  ): Promise<AdminUserResponse> {
    return this.toResponse(await this.moderation.mergeMetadata(id, body));
  }

  private toResponse(view: AdminUserView): AdminUserResponse {
    return withAttributes(mapUserAdmin(view.user), view.attributes);
  }
}
