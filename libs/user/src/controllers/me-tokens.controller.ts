import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { RateLimit } from '../decorators/rate-limit.decorator.js';
import { TokenTemplatesService } from '../services/token-templates.service.js';

export class IntegrationTokenResponse {
  @ApiProperty({ description: 'JWT signed with the key of /.well-known/jwks.json' }) jwt!: string;
  @ApiProperty({ example: 60 }) expiresIn!: number;
}

@ApiTags('me')
@Authenticated()
@Controller('me/tokens')
export class MeTokensController {
  constructor(private readonly templates: TokenTemplatesService) {}

  @Get(':template')
  @RateLimit('refresh')
  @ApiOkResponse({
    type: IntegrationTokenResponse,
    description: 'A JWT from a template of the options',
  })
  @ApiNotFoundResponse({ description: 'No such template' })
  issue(
    @CurrentUser('id') userId: string,
    @Param('template') template: string,
  ): Promise<IntegrationTokenResponse> {
    return this.templates.issue(userId, template);
  }
}
