import { Controller, Delete, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ADMIN_ROLE } from '../../core/options/built-in-roles.js';
import { ResourceIdPipe } from '../../core/validation/resource-id.pipe.js';
import { TwoFactorService } from '../services/two-factor.service.js';

/** Recovery of a user who lost both the authenticator and the backup codes. */
@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@Controller('admin/users')
@UserKitApi()
export class AdminTwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Delete(':id/two-factor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description:
      'Two-factor sign-in is off for the user: authenticator, backup codes and open sign-in challenges gone (twoFactor.disabled, with the admin as the actor)',
  })
  @ApiUserKitError(400, { description: 'TWO_FACTOR_NOT_ENABLED: the user has it off' })
  @ApiUserKitError(404)
  async reset(@Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string): Promise<void> {
    await this.twoFactor.reset(id);
  }
}
