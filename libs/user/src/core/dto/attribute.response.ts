import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_LEVELS, type AccessLevel } from '../options/attribute-access.js';
import type { CustomAttributeDefinition } from '../services/attribute-schema.js';
import type { StandardAttributeSetting } from '../services/attribute-schema.service.js';
import { CUSTOM_ATTRIBUTE_TYPES } from '../validation/attribute-definition.js';

export class AttributeAccessResponse {
  @ApiProperty({ enum: ACCESS_LEVELS }) admin!: AccessLevel;
  @ApiProperty({ enum: ACCESS_LEVELS }) bearer!: AccessLevel;
  @ApiProperty({ enum: ACCESS_LEVELS }) endUser!: AccessLevel;
}

const LABEL_DESCRIPTION =
  'What the pages show: the label an admin set, else the name in Title Case (my_string → My String)';

export class StandardAttributeResponse {
  @ApiProperty({ example: 'birthdate' }) name!: string;
  @ApiProperty({ example: 'Birthdate', description: LABEL_DESCRIPTION }) label!: string;
  @ApiProperty({ enum: ['standard'] }) kind!: 'standard';
  @ApiProperty({ type: AttributeAccessResponse }) access!: AttributeAccessResponse;
}

export class CustomAttributeResponse {
  @ApiProperty({ example: 'loyalty_tier' }) name!: string;
  @ApiProperty({ example: 'Loyalty Tier', description: LABEL_DESCRIPTION }) label!: string;
  @ApiProperty({ enum: ['custom'] }) kind!: 'custom';
  @ApiProperty({ enum: CUSTOM_ATTRIBUTE_TYPES }) type!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) validation!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: AttributeAccessResponse }) access!: AttributeAccessResponse;
  @ApiProperty() order!: number;
  @ApiProperty() searchable!: boolean;
  @ApiProperty() obsolete!: boolean;
  @ApiProperty({
    description:
      "A field declared in the host's code (UserModule fields): changed there, never through this API",
  })
  declared!: boolean;
  @ApiProperty({
    type: [String],
    description: 'Names it had before admins renamed it, oldest first (now free for reuse)',
  })
  previousNames!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AttributeSchemaResponse {
  @ApiProperty({ type: [StandardAttributeResponse] }) standard!: StandardAttributeResponse[];
  @ApiProperty({ type: [CustomAttributeResponse] }) custom!: CustomAttributeResponse[];
}

export function mapStandardAttribute(setting: StandardAttributeSetting): StandardAttributeResponse {
  return {
    name: setting.name,
    label: setting.label,
    kind: 'standard',
    access: { ...setting.access },
  };
}

export function mapCustomAttribute(definition: CustomAttributeDefinition): CustomAttributeResponse {
  return {
    name: definition.name,
    label: definition.label,
    kind: 'custom',
    type: definition.type,
    validation: { ...definition.validation },
    access: { ...definition.access },
    order: definition.order,
    searchable: definition.searchable,
    obsolete: definition.obsolete,
    declared: definition.declared,
    previousNames: [...definition.previousNames],
    createdAt: definition.createdAt.toISOString(),
    updatedAt: definition.updatedAt.toISOString(),
  };
}
