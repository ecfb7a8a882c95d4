import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { RefusedWhileImpersonating } from '../../core/decorators/refused-while-impersonating.decorator.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { IntegrationTokenResponse } from '../dto/integration-token.response.js';
import { TokenClaimsQuery } from '../dto/token-claims.query.js';
import { TokenTemplatesService } from '../services/token-templates.service.js';

@ApiTags('me')
@Authenticated()
@Controller('me/tokens')
@UserKitApi()
export class MeTokensController {
  constructor(private readonly templates: TokenTemplatesService) {}

  @Get(':template')
  @RateLimit('refresh')
  // A bearer credential for another service: no cache keeps it.
  @NoStore()
  @ApiOkResponse({
    type: IntegrationTokenResponse,
    description: 'A JWT from a template of the options (generic, hasura or firebase)',
  })
  @ApiUserKitError(400, {
    description:
      'Unknown query parameter, or `claims` not a JSON object of claims the template allows (`TOKEN_CLAIMS_INVALID`)',
  })
  @ApiUserKitError(403, {
    description:
      'The template cannot be made for this user (hasura: a user without a role); IMPERSONATION_REFUSED: an admin impersonates the user',
  })
  @ApiUserKitError(404, { description: 'No such template' })
  // A credential for another service would let an impersonating admin act there untraced.
  @RefusedWhileImpersonating()
  issue(
    @CurrentUser() me: AuthenticatedPrincipal,
    @Param('template') template: string,
    @Query(createUserKitValidationPipe()) query: TokenClaimsQuery,
  ): Promise<IntegrationTokenResponse> {
    return this.templates.issue(me.id, template, {
      claims: query.claims,
      sessionId: me.sessionId,
    });
  }
}
