import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOM_ATTRIBUTE_TYPES } from '../validation/attribute-definition.js';

/** One attribute the signed-in user may see, and whether they may change it. */
export class OwnAttributeResponse {
  @ApiProperty({ example: 'loyalty_tier' }) name!: string;
  @ApiProperty({
    example: 'Loyalty Tier',
    description: 'What a form shows: the label an admin set, else the name in Title Case',
  })
  label!: string;
  @ApiProperty({ enum: ['standard', 'custom'] }) kind!: 'standard' | 'custom';
  @ApiPropertyOptional({
    enum: CUSTOM_ATTRIBUTE_TYPES,
    description: 'Custom attributes only: how the value is checked',
  })
  type?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Custom attributes only: the rules, `required: true` among them',
  })
  validation?: Record<string, unknown>;
  @ApiProperty({ enum: ['readonly', 'editable'] }) access!: 'readonly' | 'editable';
}

/** The profile schema from the end user's side (GET /me/attribute-schema): hidden ones left out. */
export class OwnAttributeSchemaResponse {
  @ApiProperty({ type: [OwnAttributeResponse] }) standard!: OwnAttributeResponse[];
  @ApiProperty({ type: [OwnAttributeResponse] }) custom!: OwnAttributeResponse[];
}
