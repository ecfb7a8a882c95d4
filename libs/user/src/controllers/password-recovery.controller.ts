import { Body, Controller, HttpCode, HttpStatus, Post, UsePipes, UseFilters } from '@nestjs/common';
import { ServiceUnavailableFilter } from '../filters/service-unavailable.filter.js';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiTags,
} from '@nestjs/swagger';
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
@UseFilters(ServiceUnavailableFilter)
export class PasswordRecoveryController {
  constructor(private readonly passwords: PasswordsService) {}

  @Post('forgot')
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimit('sendMessage')
  @ApiAcceptedResponse({
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
  @ApiBadRequestResponse({ description: 'Invalid, expired or used token; weak password' })
  async reset(@Body() body: ResetPasswordDto): Promise<void> {
    await this.passwords.reset(body.token, body.password);
  }
}
