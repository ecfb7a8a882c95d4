import { Body, Controller, HttpCode, HttpStatus, Post, UsePipes } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { ForgotPasswordDto } from '../dto/forgot-password.dto.js';
import { ResetPasswordDto } from '../dto/reset-password.dto.js';
import { PasswordsService } from '../services/passwords.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('auth')
@Public()
@UsePipes(createUserKitValidationPipe())
@Controller('auth/password')
@UserKitApi()
export class PasswordRecoveryController {
  constructor(private readonly passwords: PasswordsService) {}

  @Post('forgot')
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimit('sendMessage')
  @ApiAcceptedResponse({
    schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    description:
      'Always the same answer: when the address belongs to an account (verified, or its primary), a reset link valid one hour is sent to it',
  })
  forgot(@Body() body: ForgotPasswordDto): { message: string } {
    this.passwords.requestReset(body.email);
    return { message: 'If this address belongs to an account, a reset link is on its way' };
  }

  @Post('reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RateLimit('password')
  @ApiNoContentResponse({ description: 'Password set; every session of the user is revoked' })
  @ApiUserKitError(400, { description: 'Invalid, expired or used token; weak password' })
  async reset(@Body() body: ResetPasswordDto): Promise<void> {
    await this.passwords.reset(body.token, body.password);
  }
}
