import { Body, Controller, Get, Param, Patch, Post, UsePipes } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { CreateAttributeDto, PatchAttributeDto } from '../dto/attribute-definition.dto.js';
import {
  AttributeSchemaResponse,
  CustomAttributeResponse,
  mapCustomAttribute,
  mapStandardAttribute,
  StandardAttributeResponse,
} from '../dto/attribute.response.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { AttributeSchemaService } from '../services/attribute-schema.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { ResourceIdPipe } from '../validation/resource-id.pipe.js';
import { FIELD_NAME_PATTERN } from '../validation/attribute-definition.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@ApiExtraModels(StandardAttributeResponse, CustomAttributeResponse)
@Controller('admin/attributes')
@UserKitApi()
export class AdminAttributesController {
  constructor(private readonly schema: AttributeSchemaService) {}

  @Get()
  @ApiOkResponse({
    type: AttributeSchemaResponse,
    description: 'The standard attributes with their access, and the custom attributes',
  })
  async list(): Promise<AttributeSchemaResponse> {
    const { standard, custom } = await this.schema.list();
    return { standard: standard.map(mapStandardAttribute), custom: custom.map(mapCustomAttribute) };
  }

  @Post()
  @ApiCreatedResponse({ type: CustomAttributeResponse })
  @ApiUserKitError(400, {
    description:
      'Bad name, type, label, validation that does not fit the type, or a fillMissingWith that does not fit it',
  })
  @ApiUserKitError(409, {
    description:
      "Name taken (ATTRIBUTE_TAKEN: attributes are never deleted), the name of a field declared in the host's code (ATTRIBUTE_DECLARED), or validation.required while users exist and no fillMissingWith (ATTRIBUTE_VALUES_MISSING)",
  })
  async create(@Body() body: CreateAttributeDto): Promise<CustomAttributeResponse> {
    return mapCustomAttribute(await this.schema.create(body));
  }

  @Patch(':name')
  @ApiOkResponse({
    description:
      'A custom attribute: anything but its type (a new name renames it, values included); a standard one: access and label',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CustomAttributeResponse) },
        { $ref: getSchemaPath(StandardAttributeResponse) },
      ],
    },
  })
  @ApiUserKitError(400, {
    description:
      'type sent (it never changes), a bad name or label, bad validation, a rename of a standard attribute',
  })
  @ApiUserKitError(404, { description: 'No such attribute' })
  @ApiUserKitError(409, {
    description:
      "A field declared in the host's code (ATTRIBUTE_DECLARED): it changes there, at the next start; " +
      'a rename to a taken name, or one users hold values under (ATTRIBUTE_TAKEN); a rename of an attribute a ' +
      'token template reads by name (ATTRIBUTE_REFERENCED); validation.required turned on while users lack a value and no fillMissingWith (ATTRIBUTE_VALUES_MISSING)',
  })
  async update(
    @Param('name', new ResourceIdPipe('ATTRIBUTE_NOT_FOUND', FIELD_NAME_PATTERN)) name: string,
    @Body() body: PatchAttributeDto,
  ): Promise<CustomAttributeResponse | StandardAttributeResponse> {
    const updated = await this.schema.update(name, body);
    return 'type' in updated ? mapCustomAttribute(updated) : mapStandardAttribute(updated);
  }
}
