import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { CurrentUser } from '../../core/decorators/current-user.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { IntegrationTokenResponse } from '../dto/integration-token.response.js';
import { TokenTemplatesService } from '../services/token-templates.service.js';

@ApiTags('me')
@Authenticated()
@Controller('me/tokens')
@UserKitApi()
export class MeTokensController {
  constructor(private readonly templates: TokenTemplatesService) {}

  @Get(':template')
  @RateLimit('refresh')
  @ApiOkResponse({
    type: IntegrationTokenResponse,
    description: 'A JWT from a template of the options',
  })
  @ApiUserKitError(404, { description: 'No such template' })
  issue(
    @CurrentUser('id') userId: string,
    @Param('template') template: string,
  ): Promise<IntegrationTokenResponse> {
    return this.templates.issue(userId, template);
  }
}
