import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { OwnAttributeSchemaResponse } from '../dto/own-attribute-schema.response.js';
import { AttributeSchemaService } from '../services/attribute-schema.service.js';
import { ownAttributeSchema } from '../services/own-attribute-schema.js';

/** What a profile form needs: the attributes the user sees, with types and rules, in order. */
@ApiTags('me')
@Authenticated()
@Controller('me/attribute-schema')
@UserKitApi()
export class MeAttributeSchemaController {
  constructor(private readonly schema: AttributeSchemaService) {}

  @Get()
  @ApiOkResponse({
    type: OwnAttributeSchemaResponse,
    description:
      'Attributes readonly or editable for the end user (hidden and obsolete ones left out)',
  })
  async get(): Promise<OwnAttributeSchemaResponse> {
    return ownAttributeSchema(await this.schema.list(), false);
  }
}
