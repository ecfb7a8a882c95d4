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
import { ApiMessageLimitsResponse } from '../decorators/message-limits.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { RequiresRecentSignIn } from '../../core/decorators/requires-recent-sign-in.decorator.js';
import { AddPhoneDto } from '../dto/add-phone.dto.js';
import { mapPhoneNumber } from '../dto/contact.mapper.js';
import { PhoneNumberResponse } from '../../core/dto/user.response.js';
import { VerificationCodeDto } from '../../core/dto/verification-code.dto.js';
import { ContactsService } from '../services/contacts.service.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { EmptyBodyPipe } from '../../core/validation/empty-body.pipe.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { RefusedWhileImpersonating } from '../../core/decorators/refused-while-impersonating.decorator.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/phones')
@UserKitApi()
export class MePhonesController {
  constructor(private readonly contacts: ContactsService) {}

  @Post()
  @ApiMessageLimitsResponse()
  @RateLimit('sendMessage')
  @RequiresRecentSignIn()
  @ApiCreatedResponse({
    type: PhoneNumberResponse,
    description:
      'The new, unverified number; a 6-digit code was sent to it by SMS (valid 10 minutes)',
  })
  @ApiUserKitError(400, {
    description:
      'Not a valid international (E.164) phone number, an unknown field, or the account holds 5 numbers already (PHONE_NUMBER_LIMIT)',
  })
  @ApiUserKitError(409, { description: 'The number belongs to an account already' })
  @RefusedWhileImpersonating()
  async add(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Body() body: AddPhoneDto,
  ): Promise<PhoneNumberResponse> {
    return mapPhoneNumber(
      await this.contacts.add('phone', (await me.load()).user, body.phoneNumber),
    );
  }

  @Post(':id/verify')
  @HttpCode(HttpStatus.OK)
  @RateLimit('codeSubmit')
  @ApiOkResponse({ type: PhoneNumberResponse, description: 'The number, now verified' })
  @ApiUserKitError(400, {
    description: 'Wrong, expired or used code; too many tries; already verified',
  })
  @ApiUserKitError(404, { description: 'No such number of yours' })
  async verify(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
    @Body() body: VerificationCodeDto,
  ): Promise<PhoneNumberResponse> {
    return mapPhoneNumber(await this.contacts.verify('phone', userId, id, body.code));
  }

  @Post(':id/resend')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiMessageLimitsResponse()
  @RateLimit('sendMessage')
  @ApiNoContentResponse({ description: 'A new code was sent; the previous one no longer works' })
  @ApiUserKitError(400, { description: 'Already verified' })
  @ApiUserKitError(404, { description: 'No such number of yours' })
  async resend(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Param('id') id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<void> {
    await this.contacts.resend('phone', (await me.load()).user, id);
  }

  @Post(':id/primary')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PhoneNumberResponse, description: 'The number, now the primary one' })
  @ApiUserKitError(400, { description: 'The number is not verified' })
  @ApiUserKitError(404, { description: 'No such number of yours' })
  async makePrimary(
    @CurrentUser('id') userId: string,
    @Param('id') id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<PhoneNumberResponse> {
    return mapPhoneNumber(await this.contacts.makePrimary('phone', userId, id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiUserKitError(400, {
    description: 'The primary number while another exists, or the last way to sign in',
  })
  @ApiUserKitError(404, { description: 'No such number of yours' })
  async remove(@CurrentUser('id') userId: string, @Param('id') id: string): Promise<void> {
    await this.contacts.remove('phone', userId, id);
  }
}
