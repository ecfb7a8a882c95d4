import { Controller, Delete, Get, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowUnverifiedEmail } from '../decorators/allow-unverified-email.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { NoStore } from '../decorators/no-store.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { RequiresRecentSignIn } from '../decorators/requires-recent-sign-in.decorator.js';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { UserDataExportResponse } from '../dto/user-data-export.response.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { UserDataExportService } from '../services/user-data-export.service.js';
import { UserDeletionService } from '../services/user-deletion.service.js';

/**
 * The user's own data and account: a copy of everything held about them, and deleting it all.
 * Both work before an email address is verified (requireVerifiedEmail): leaving must never
 * depend on finishing a sign-up.
 */
@ApiTags('me')
@Authenticated()
@AllowUnverifiedEmail()
@Controller('me')
@UserKitApi()
export class MeAccountController {
  constructor(
    private readonly dataExport: UserDataExportService,
    private readonly deletion: UserDeletionService,
  ) {}

  @Get('export')
  @NoStore()
  @RateLimit('dataExport')
  @ApiOkResponse({
    type: UserDataExportResponse,
    description:
      'Everything held about you that you may see, as one JSON document (send it as a download)',
  })
  exportData(@CurrentUser() me: AuthenticatedPrincipal): Promise<UserDataExportResponse> {
    return this.dataExport.exportFor(me);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiUserKitError(403, {
    description:
      'REAUTHENTICATION_REQUIRED: the last sign-in of this session is too old (sign in again); SELF_DELETION_DISABLED: the app does not let users delete themselves',
  })
  @RequiresRecentSignIn()
  @ApiNoContentResponse({
    description:
      'Deleted with every row of yours (addresses, sessions, linked accounts, codes); your tokens stop working at once',
  })
  @ApiUserKitError(400, {
    description: 'LAST_ADMIN: the last admin cannot delete their account',
  })
  @ApiUserKitError(409, {
    description:
      'ORGANIZATION_OWNER_REQUIRED (UserOrganizationsModule): you are the last owner of organizations that have other members, named in the message',
  })
  async deleteAccount(@CurrentUser('id') userId: string): Promise<void> {
    await this.deletion.deleteOwn(userId);
  }
}
