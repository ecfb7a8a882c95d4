import { Body, Controller, Param, Post, UseInterceptors, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RefreshCookieInterceptor } from '../cookie-session/refresh-cookie.interceptor.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { NoStore } from '../decorators/no-store.decorator.js';
import { ClientMeta } from '../decorators/request-meta.decorator.js';
import { RequiresRecentSignIn } from '../decorators/requires-recent-sign-in.decorator.js';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { TokenResponse } from '../dto/user.response.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { ImpersonationService } from '../services/impersonation.service.js';
import type { RequestMeta } from '../services/request-meta.js';
import { TokenResponsesService } from '../services/token-responses.service.js';
import { EmptyBodyPipe } from '../validation/empty-body.pipe.js';
import { ResourceIdPipe } from '../validation/resource-id.pipe.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/users')
// The console (cookie mode) switches the browser to the user's session: the cookie holds it then.
@UseInterceptors(RefreshCookieInterceptor)
@UserKitApi()
export class AdminImpersonationController {
  constructor(
    private readonly impersonation: ImpersonationService,
    private readonly tokenResponses: TokenResponsesService,
  ) {}

  @Post(':id/impersonate')
  @NoStore()
  @RequiresRecentSignIn()
  @ApiCreatedResponse({
    type: TokenResponse,
    description:
      "A session of the user for the admin to act in (the admin's own session stays): access tokens carry the admin as `act: { sub }`, GET /me shows `impersonatedBy`, it ends within an hour (refresh never passes that), and the user's sensitive routes answer 403 IMPERSONATION_REFUSED. user.impersonated fires; whatever the admin does in it names the admin as context.actorId",
  })
  @ApiUserKitError(403, {
    description:
      'CANNOT_IMPERSONATE_ADMIN: the user holds the admin role (you, too); or not an admin, or the last sign-in is too old (REAUTHENTICATION_REQUIRED)',
  })
  @ApiUserKitError(404)
  @ApiUserKitError(409, { description: 'USER_BANNED: a banned user cannot be impersonated' })
  async impersonate(
    @Param('id', new ResourceIdPipe('USER_NOT_FOUND')) id: string,
    @CurrentUser('id') adminId: string,
    @ClientMeta() meta: RequestMeta,
    @Body(EmptyBodyPipe) _body: unknown,
  ): Promise<TokenResponse> {
    return this.tokenResponses.tokens(await this.impersonation.start(adminId, id, meta));
  }
}
