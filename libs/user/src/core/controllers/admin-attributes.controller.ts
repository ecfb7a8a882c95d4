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
    description: 'Bad name, type, or validation that does not fit the type',
  })
  @ApiUserKitError(409, {
    description:
      "Name taken (ATTRIBUTE_TAKEN: attributes are never deleted), or the name of a field declared in the host's code (ATTRIBUTE_DECLARED)",
  })
  async create(@Body() body: CreateAttributeDto): Promise<CustomAttributeResponse> {
    return mapCustomAttribute(await this.schema.create(body));
  }

  @Patch(':name')
  @ApiOkResponse({
    description: 'A custom attribute: anything but name and type; a standard one: access only',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CustomAttributeResponse) },
        { $ref: getSchemaPath(StandardAttributeResponse) },
      ],
    },
  })
  @ApiUserKitError(400, { description: 'name or type sent (they never change), bad validation' })
  @ApiUserKitError(404, { description: 'No such attribute' })
  @ApiUserKitError(409, {
    description:
      "A field declared in the host's code (ATTRIBUTE_DECLARED): it changes there, at the next start",
  })
  async update(
    @Param('name', new ResourceIdPipe('ATTRIBUTE_NOT_FOUND', FIELD_NAME_PATTERN)) name: string,
    @Body() body: PatchAttributeDto,
  ): Promise<CustomAttributeResponse | StandardAttributeResponse> {
    const updated = await this.schema.update(name, body);
    return 'type' in updated ? mapCustomAttribute(updated) : mapStandardAttribute(updated);
  }
}
