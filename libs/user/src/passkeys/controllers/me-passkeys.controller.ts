import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { RequiresRecentSignIn } from '../../core/decorators/requires-recent-sign-in.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { EmptyBodyPipe } from '../../core/validation/empty-body.pipe.js';
import { ResourceIdPipe } from '../../core/validation/resource-id.pipe.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { mapPasskey } from '../dto/passkey.mapper.js';
import { RegisterPasskeyDto, RenamePasskeyDto } from '../dto/passkey-requests.dto.js';
import { PasskeyCreationOptionsResponse, PasskeyResponse } from '../dto/passkey.response.js';
import { PasskeyRegistrationService } from '../services/passkey-registration.service.js';
import { PasskeysService } from '../services/passkeys.service.js';

@ApiTags('me')
@Authenticated()
@UsePipes(createUserKitValidationPipe())
@Controller('me/passkeys')
@UserKitApi()
export class MePasskeysController {
  constructor(
    private readonly registration: PasskeyRegistrationService,
    private readonly passkeys: PasskeysService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [PasskeyResponse], description: 'Your passkeys, oldest first' })
  async list(@CurrentUser('id') userId: string): Promise<PasskeyResponse[]> {
    return (await this.passkeys.list(userId)).map(mapPasskey);
  }

  @Post('registration-options')
  @NoStore()
  @HttpCode(HttpStatus.OK)
  @RateLimit('codeSubmit')
  @RequiresRecentSignIn()
  @ApiOkResponse({
    type: PasskeyCreationOptionsResponse,
    description:
      'Options for navigator.credentials.create (PublicKeyCredentialCreationOptionsJSON); the challenge is single use for 5 minutes',
  })
  async registrationOptions(
    @CurrentUser('id') userId: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<PasskeyCreationOptionsResponse> {
    return (await this.registration.options(userId)) as PasskeyCreationOptionsResponse;
  }

  @Post()
  @RateLimit('codeSubmit')
  @RequiresRecentSignIn()
  @ApiCreatedResponse({ type: PasskeyResponse, description: 'The passkey is a way in now' })
  @ApiUserKitError(400, {
    description:
      'PASSKEY_CHALLENGE_INVALID: unknown, expired or used challenge; PASSKEY_RESPONSE_INVALID: the answer did not verify (origin, RP ID, challenge, user verification)',
  })
  @ApiUserKitError(409, { description: 'PASSKEY_ALREADY_REGISTERED' })
  async register(
    @CurrentUser('id') userId: string,
    @Body() body: RegisterPasskeyDto,
  ): Promise<PasskeyResponse> {
    return mapPasskey(await this.registration.register(userId, body.response, body.name));
  }

  @Patch(':id')
  @ApiOkResponse({ type: PasskeyResponse, description: 'Renamed' })
  @ApiUserKitError(404, { description: 'Not one of your passkeys' })
  async rename(
    @CurrentUser('id') userId: string,
    @Param('id', new ResourceIdPipe('PASSKEY_NOT_FOUND')) id: string,
    @Body() body: RenamePasskeyDto,
  ): Promise<PasskeyResponse> {
    return mapPasskey(await this.passkeys.rename(userId, id, body.name));
  }

  @Delete(':id')
  @RequiresRecentSignIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed: it signs in no more' })
  @ApiUserKitError(404, { description: 'Not one of your passkeys' })
  @ApiUserKitError(400, { description: 'LAST_SIGN_IN_METHOD: it is your last way to sign in' })
  async remove(
    @CurrentUser('id') userId: string,
    @Param('id', new ResourceIdPipe('PASSKEY_NOT_FOUND')) id: string,
  ): Promise<void> {
    await this.passkeys.remove(userId, id);
  }
}
