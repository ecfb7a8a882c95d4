import { Body, Controller, HttpCode, HttpStatus, Param, Post, Put, UsePipes } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { AdminSetPasswordDto } from '../dto/admin-set-password.dto.js';
import { withAttributes } from '../dto/attributes.mapper.js';
import { mapUserAdmin } from '../dto/user.mapper.js';
import { AdminUserResponse } from '../dto/user.response.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { AdminRecoveryService } from '../services/admin-recovery.service.js';
import { UserModerationService } from '../services/user-moderation.service.js';
import { EmptyBodyPipe } from '../validation/empty-body.pipe.js';
import { ResourceIdPipe } from '../validation/resource-id.pipe.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

/** Getting a user back in: a reset link, a password set for them, an address vouched for. */
@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/users')
@UserKitApi()
export class AdminUserRecoveryController {
  constructor(
    private readonly recovery: AdminRecoveryService,
    private readonly moderation: UserModerationService,
  ) {}

  @Post(':id/password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({
    description:
      "A password reset link (single use, one hour) is handed to the MessageSender for the user's primary address, as POST /auth/password/forgot does",
  })
  @ApiUserKitError(400, { description: 'NO_EMAIL_ADDRESS: the user has no email address' })
  @ApiUserKitError(404)
  async sendPasswordReset(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ): Promise<void> {
    await this.recovery.sendPasswordReset(id);
  }

  @Put(':id/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description:
      'Set; every session of the user is revoked (admin_revoked) and the sign-in lock lifts; password.changed with via "admin"',
  })
  @ApiUserKitError(400, { description: 'WEAK_PASSWORD: refused by the password policy' })
  @ApiUserKitError(404)
  async setPassword(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @Body() body: AdminSetPasswordDto,
  ): Promise<void> {
    await this.recovery.setPassword(id, body.password);
  }

  @Post(':id/emails/:emailId/verify')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: AdminUserResponse,
    description: "The address is verified without a code; other users' unverified claims on it go",
  })
  @ApiUserKitError(400, { description: 'ALREADY_VERIFIED' })
  @ApiUserKitError(404, { description: 'USER_NOT_FOUND, or EMAIL_ADDRESS_NOT_FOUND' })
  @ApiUserKitError(409, { description: 'EMAIL_TAKEN: another user holds the address' })
  async verifyEmail(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @Param('emailId', new ResourceIdPipe('EMAIL_ADDRESS_NOT_FOUND')) emailId: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ): Promise<AdminUserResponse> {
    await this.recovery.verifyEmail(id, emailId);
    const view = await this.moderation.getFull(id);
    return withAttributes(mapUserAdmin(view.user), view.attributes);
  }
}
