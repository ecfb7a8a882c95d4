import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Public } from '../../core/decorators/public.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import {
  ORGANIZATION_LOGOS_PATH,
  OrganizationLogosService,
} from '../services/organization-logos.service.js';

/** Serves stored logos: public, as `<img src>` sends no bearer token. */
@ApiTags('organizations')
@Public()
@Controller(ORGANIZATION_LOGOS_PATH)
@UserKitApi()
export class OrganizationLogosController {
  constructor(private readonly logos: OrganizationLogosService) {}

  @Get(':id')
  // Ids are never reused, so the bytes never change; the sandbox keeps a crafted file inert.
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiProduces('image/png', 'image/jpeg', 'image/gif', 'image/webp')
  @ApiOkResponse({ description: 'The logo bytes' })
  @ApiUserKitError(404, { description: 'ORGANIZATION_LOGO_NOT_FOUND: no logo with this id' })
  async getLogo(@Param('id') id: string): Promise<StreamableFile> {
    const file = await this.logos.read(id);
    return new StreamableFile(file.data, { type: file.contentType, length: file.data.length });
  }
}
