import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { ServiceUnavailableFilter } from '../../core/filters/service-unavailable.filter.js';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../core/decorators/public.decorator.js';
import { TokenTemplatesService } from '../services/token-templates.service.js';

@ApiTags('auth')
@Public()
@Controller('.well-known')
@UseFilters(ServiceUnavailableFilter)
export class JwksController {
  constructor(private readonly templates: TokenTemplatesService) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({
    description: 'Public keys of the integration tokens (empty without signingKey)',
    schema: {
      example: {
        keys: [{ kty: 'EC', crv: 'P-256', x: '…', y: '…', kid: '…', alg: 'ES256', use: 'sig' }],
      },
    },
  })
  jwks(): { keys: object[] } {
    return this.templates.jwks();
  }
}
