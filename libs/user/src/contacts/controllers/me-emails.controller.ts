import {
  Body,
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { AllowUnverifiedEmail } from '../../core/decorators/allow-unverified-email.decorator.js';
import { ApiMessageLimitsResponse } from '../decorators/message-limits.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { RequiresRecentSignIn } from '../../core/decorators/requires-recent-sign-in.decorator.js';
import { AddEmailDto } from '../dto/add-email.dto.js';
import { mapEmailAddress } from '../dto/contact.mapper.js';
import { EmailAddressResponse } from '../../core/dto/user.response.js';
import { VerificationCodeDto } from '../../core/dto/verification-code.dto.js';
import { ContactsService } from '../services/contacts.service.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { EmptyBodyPipe } from '../../core/validation/empty-body.pipe.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { RefusedWhileImpersonating } from '../../core/decorators/refused-while-impersonating.decorator.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/emails')
@UserKitApi()
export class MeEmailsController {
  constructor(private readonly contacts: ContactsService) {}

  @Post()
  @AllowUnverifiedEmail()
  @ApiMessageLimitsResponse()
  @RateLimit('sendMessage')
  @RequiresRecentSignIn()
  @ApiCreatedResponse({
    type: EmailAddressResponse,
    description: 'The new, unverified address; a 6-digit code was sent to it (valid 10 minutes)',
  })
  @ApiUserKitError(400, { description: 'Not an email address, or an unknown field' })
  @ApiUserKitError(409, {
    description:
      'The address is yours already, or another account holds it (verified, or as its primary); an unverified claim of another account does not count',
  })
  @RefusedWhileImpersonating()
  async add(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: AddEmailDto,
  ): Promise<EmailAddressResponse> {
    return mapEmailAddress(await this.contacts.add('email', (await me.load()).user, body.email));
  }

  @Post(':id/verify')
  @AllowUnverifiedEmail()
  @HttpCode(HttpStatus.OK)
  @RateLimit('codeSubmit')
  @ApiOkResponse({ type: EmailAddressResponse, description: 'The address, now verified' })
  @ApiUserKitError(400, {
    description: 'Wrong, expired or used code; too many tries; already verified',
  })
  @ApiUserKitError(404, { description: 'No such address of yours' })
  @ApiUserKitError(409, {
    description:
      'EMAIL_TAKEN: another account verified this address (or holds it as primary) first',
  })
  async verify(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
    @Body() body: VerificationCodeDto,
  ): Promise<EmailAddressResponse> {
    return mapEmailAddress(await this.contacts.verify('email', userId, id, body.code));
  }

  @Post(':id/resend')
  @AllowUnverifiedEmail()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiMessageLimitsResponse()
  @RateLimit('sendMessage')
  @ApiNoContentResponse({ description: 'A new code was sent; the previous one no longer works' })
  @ApiUserKitError(400, { description: 'Already verified' })
  @ApiUserKitError(404, { description: 'No such address of yours' })
  async resend(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Param('id') id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<void> {
    await this.contacts.resend('email', (await me.load()).user, id);
  }

  @Post(':id/primary')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: EmailAddressResponse, description: 'The address, now the primary one' })
  @ApiUserKitError(400, { description: 'The address is not verified' })
  @ApiUserKitError(404, { description: 'No such address of yours' })
  async makePrimary(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<EmailAddressResponse> {
    return mapEmailAddress(await this.contacts.makePrimary('email', userId, id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiUserKitError(400, {
    description: 'The primary address while another exists, or the last way to sign in',
  })
  @ApiUserKitError(404, { description: 'No such address of yours' })
  async remove(@CurrentUser('id') userId: string, @Param('id') id: string): Promise<void> {
    await this.contacts.remove('email', userId, id);
  }
}
