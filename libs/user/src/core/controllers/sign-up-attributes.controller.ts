import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { OwnAttributeSchemaResponse } from '../dto/own-attribute-schema.response.js';
import { AttributeSchemaService } from '../services/attribute-schema.service.js';
import { ownAttributeSchema } from '../services/own-attribute-schema.js';

/**
 * What a sign-up form asks: the attributes a new user may give (`POST /auth/signup` takes the
 * custom ones under `customAttributes`), with labels, types and rules; `validation.required`
 * marks those sign-up refuses to go without. Public: it shows no more than the form does.
 */
@ApiTags('auth')
@Public()
@Controller('auth/signup/attributes')
@UserKitApi()
export class SignUpAttributesController {
  constructor(private readonly schema: AttributeSchemaService) {}

  @Get()
  @ApiOkResponse({
    type: OwnAttributeSchemaResponse,
    description:
      'The attributes the end user may edit (access editable, not obsolete), in display order',
  })
  async get(): Promise<OwnAttributeSchemaResponse> {
    return ownAttributeSchema(await this.schema.list(), true);
  }
}
