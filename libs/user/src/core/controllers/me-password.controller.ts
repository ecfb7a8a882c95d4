import { Body, Controller, HttpCode, HttpStatus, Post, UsePipes } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { ApiSignInLimitsResponse } from '../decorators/sign-in-limits.decorator.js';
import { RequiresRecentSignIn } from '../decorators/requires-recent-sign-in.decorator.js';
import { ChangePasswordDto } from '../dto/change-password.dto.js';
import { PasswordsService } from '../services/passwords.service.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { RefusedWhileImpersonating } from '../decorators/refused-while-impersonating.decorator.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/password')
@UserKitApi()
export class MePasswordController {
  constructor(private readonly passwords: PasswordsService) {}

  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiSignInLimitsResponse('password')
  @RateLimit('password')
  @RequiresRecentSignIn()
  @ApiNoContentResponse({ description: 'Changed; every other session of the user is revoked' })
  @ApiUserKitError(400, { description: 'Wrong current password, or a weak new one' })
  @RefusedWhileImpersonating()
  async change(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.passwords.change(me.id, me.sessionId, body.currentPassword, body.newPassword);
  }
}
