import { Body, Controller, Delete, HttpCode, HttpStatus, Post, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { RequiresRecentSignIn } from '../../core/decorators/requires-recent-sign-in.decorator.js';
import {
  BackupCodesResponse,
  TotpEnrollmentResponse,
} from '../../core/dto/identifiers.response.js';
import { TwoFactorCodeDto } from '../dto/two-factor-code.dto.js';
import { VerificationCodeDto } from '../../core/dto/verification-code.dto.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { TwoFactorService } from '../services/two-factor.service.js';
import { EmptyBodyPipe } from '../../core/validation/empty-body.pipe.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { RefusedWhileImpersonating } from '../../core/decorators/refused-while-impersonating.decorator.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/2fa')
@UserKitApi()
export class MeTwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Post('totp')
  @RequiresRecentSignIn()
  @ApiCreatedResponse({
    type: TotpEnrollmentResponse,
    description: 'A new authenticator secret, pending until POST /me/2fa/totp/verify',
  })
  @ApiUserKitError(400, { description: 'Two-factor sign-in is already on' })
  @ApiUserKitError(409, { description: 'Another set-up of this user was started at the same time' })
  @RefusedWhileImpersonating()
  async enroll(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<TotpEnrollmentResponse> {
    return this.twoFactor.enroll(me.id);
  }

  @Post('totp/verify')
  @HttpCode(HttpStatus.OK)
  @RateLimit('codeSubmit')
  @RequiresRecentSignIn()
  @ApiOkResponse({
    type: BackupCodesResponse,
    description: 'Two-factor sign-in is on; the ten backup codes are shown this once',
  })
  @ApiUserKitError(400, { description: 'Wrong code, nothing being set up, or already on' })
  @RefusedWhileImpersonating()
  async confirm(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: VerificationCodeDto,
  ): Promise<BackupCodesResponse> {
    return { backupCodes: await this.twoFactor.confirm(me.id, body.code) };
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @RateLimit('codeSubmit')
  @RequiresRecentSignIn()
  @ApiNoContentResponse({ description: 'Two-factor sign-in is off; secret and backup codes gone' })
  @ApiUserKitError(400, { description: 'Wrong code, or two-factor sign-in is off' })
  @RefusedWhileImpersonating()
  async disable(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: TwoFactorCodeDto,
  ): Promise<void> {
    await this.twoFactor.disable(me.id, body.code);
  }
}
