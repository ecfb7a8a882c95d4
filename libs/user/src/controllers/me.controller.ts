import { Body, Controller, Get, Patch, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { UpdateProfileDto } from '../dto/update-profile.dto.js';
import { mapUser } from '../dto/user.mapper.js';
import { UserResponse } from '../dto/user.response.js';
import { ProfileService } from '../services/profile.service.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me')
export class MeController {
  constructor(private readonly profile: ProfileService) {}

  @Get()
  @ApiOkResponse({ type: UserResponse })
  async getMe(@CurrentUser() principal: AuthenticatedPrincipal): Promise<UserResponse> {
    return mapUser(await this.profile.getOwnFrom(principal));
  }

  @Patch()
  @ApiOkResponse({ type: UserResponse })
  @ApiBadRequestResponse({ description: 'Invalid value or a field the user may not write' })
  async updateMe(
    @CurrentUser('id') userId: string,
    @Body() body: UpdateProfileDto,
  ): Promise<UserResponse> {
    return mapUser(await this.profile.updateOwn(userId, body));
  }
}
