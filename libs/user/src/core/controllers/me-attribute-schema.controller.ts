import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import {
  OwnAttributeSchemaResponse,
  type OwnAttributeResponse,
} from '../dto/own-attribute-schema.response.js';
import type { AccessLevel } from '../options/attribute-access.js';
import { customAccess } from '../services/attribute-schema.js';
import { AttributeSchemaService } from '../services/attribute-schema.service.js';

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
    const { standard, custom } = await this.schema.list();
    const visible = (level: AccessLevel): level is 'readonly' | 'editable' => level !== 'hidden';
    return {
      standard: standard
        .filter((attribute) => visible(attribute.access.endUser))
        .map((attribute): OwnAttributeResponse => ({
          name: attribute.name,
          kind: 'standard',
          access: attribute.access.endUser as 'readonly' | 'editable',
        })),
      custom: custom
        .filter((definition) => visible(customAccess(definition, 'endUser')))
        .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
        .map((definition): OwnAttributeResponse => ({
          name: definition.name,
          kind: 'custom',
          type: definition.type,
          validation: { ...definition.validation },
          access: customAccess(definition, 'endUser') as 'readonly' | 'editable',
        })),
    };
  }
}
