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
  UseFilters,
} from '@nestjs/common';
import { ServiceUnavailableFilter } from '../filters/service-unavailable.filter.js';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { MergeMetadataDto } from '../dto/merge-metadata.dto.js';
import { mapUserAdmin } from '../dto/user.mapper.js';
import { AdminUserResponse } from '../dto/user.response.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { UserModerationService, type AdminUserView } from '../services/user-moderation.service.js';
import { withAttributes } from '../dto/attributes.mapper.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { EmptyBodyPipe } from '../validation/empty-body.pipe.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/users')
@UseFilters(ServiceUnavailableFilter)
export class AdminUserModerationController {
  constructor(private readonly moderation: UserModerationService) {}

  @Post(':id/ban')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: AdminUserResponse,
    description: 'Banned: every session dies now; sign-in answers as for a wrong password',
  })
  @ApiBadRequestResponse({ description: 'Banning yourself' })
  @ApiNotFoundResponse()
  async ban(
    @Param('id') id: string,
    @CurrentUser('id') adminId: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ): Promise<AdminUserResponse> {
    return this.toResponse(await this.moderation.ban(id, adminId));
  }

  @Post(':id/unban')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiNotFoundResponse()
  async unban(
    @Param('id') id: string,
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
  @ApiNotFoundResponse()
  async revokeSessions(@Param('id') id: string): Promise<void> {
    await this.moderation.revokeSessions(id);
  }

  @Patch(':id/metadata')
  @ApiOkResponse({
    type: AdminUserResponse,
    description:
      'Each metadata object deep-merged (Clerk): nested objects merge, null deletes a key',
  })
  @ApiBadRequestResponse({
    description: 'Not JSON objects, or the result breaks the metadata limits',
  })
  @ApiNotFoundResponse()
  async mergeMetadata(
    @Param('id') id: string,
    @Body() body: MergeMetadataDto,
  ): Promise<AdminUserResponse> {
    return this.toResponse(await this.moderation.mergeMetadata(id, body));
  }

  private toResponse(view: AdminUserView): AdminUserResponse {
    return withAttributes(mapUserAdmin(view.user), view.attributes);
  }
}
