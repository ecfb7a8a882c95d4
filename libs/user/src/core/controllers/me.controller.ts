import { Body, Controller, Get, Patch, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { AllowUnverifiedEmail } from '../decorators/allow-unverified-email.decorator.js';
import { withAttributes } from '../dto/attributes.mapper.js';
import { UpdateProfileDto } from '../dto/update-profile.dto.js';
import { mapUser } from '../dto/user.mapper.js';
import { UserResponse } from '../dto/user.response.js';
import { ImpersonatorsRead } from '../services/impersonators-read.js';
import { ProfileService } from '../services/profile.service.js';
import { SelfViewExtensionService } from '../services/self-view-extension.service.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me')
@UserKitApi()
export class MeController {
  constructor(
    private readonly profile: ProfileService,
    private readonly selfView: SelfViewExtensionService,
    private readonly impersonators: ImpersonatorsRead,
  ) {}

  @Get()
  @AllowUnverifiedEmail()
  @ApiOkResponse({
    type: UserResponse,
    description: "With the attributes the user may see, and the host's extensions if any",
  })
  async getMe(@CurrentUser() principal: AuthenticatedPrincipal): Promise<UserResponse> {
    const [{ user, attributes }, extensions] = await Promise.all([
      this.profile.getOwnViewFrom(principal),
      this.selfView.extensionsFor(principal),
    ]);
    const view: UserResponse = withAttributes(mapUser(user), attributes);
    if (extensions !== undefined) view.extensions = extensions;
    if (principal.impersonatorId) {
      const impersonator = await this.impersonators.describe(principal.impersonatorId);
      if (impersonator) view.impersonatedBy = impersonator;
    }
    return view;
  }

  @Patch()
  @ApiOkResponse({ type: UserResponse })
  @ApiUserKitError(400, {
    description: 'Invalid value, unknown attribute, or a field the user may not write',
  })
  @ApiUserKitError(403, { description: 'An attribute that is read-only or hidden for the user' })
  @ApiUserKitError(409, { description: 'The username is taken by another user (USERNAME_TAKEN)' })
  async updateMe(
    @CurrentUser() principal: AuthenticatedPrincipal,
    @Body() body: UpdateProfileDto,
  ): Promise<UserResponse> {
    await this.profile.updateOwn(principal.id, body);
    const [{ user, attributes }, extensions] = await Promise.all([
      this.profile.getOwnView(principal.id),
      this.selfView.extensionsFor(principal),
    ]);
    const view: UserResponse = withAttributes(mapUser(user), attributes);
    if (extensions !== undefined) view.extensions = extensions;
    return view;
  }
}
