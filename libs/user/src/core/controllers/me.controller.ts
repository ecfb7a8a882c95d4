import { Body, Controller, Get, Patch, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { withAttributes } from '../dto/attributes.mapper.js';
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
@UserKitApi()
export class MeController {
  constructor(private readonly profile: ProfileService) {}

  @Get()
  @ApiOkResponse({ type: UserResponse, description: 'With the attributes the user may see' })
  async getMe(@CurrentUser() principal: AuthenticatedPrincipal): Promise<UserResponse> {
    const { user, attributes } = await this.profile.getOwnViewFrom(principal);
    return withAttributes(mapUser(user), attributes);
  }

  @Patch()
  @ApiOkResponse({ type: UserResponse })
  @ApiUserKitError(400, {
    description: 'Invalid value, unknown attribute, or a field the user may not write',
  })
  @ApiUserKitError(403, { description: 'An attribute that is read-only or hidden for the user' })
  async updateMe(
    @CurrentUser('id') userId: string,
    @Body() body: UpdateProfileDto,
  ): Promise<UserResponse> {
    await this.profile.updateOwn(userId, body);
    const { user, attributes } = await this.profile.getOwnView(userId);
    return withAttributes(mapUser(user), attributes);
  }
}
