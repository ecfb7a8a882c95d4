import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmpty,
  ValidateBy,
  ValidateIf,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { CustomAttributeType } from '../entities/attribute-definition.entity.js';
import { ACCESS_LEVELS, type AccessLevel } from '../options/attribute-access.js';
import {
  ATTRIBUTE_LABEL_MAX_LENGTH,
  ATTRIBUTE_NAME_MAX_LENGTH,
  ATTRIBUTE_NAME_PATTERN,
  CUSTOM_ATTRIBUTE_TYPES,
} from '../validation/attribute-definition.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

/** A string or a finite number: the JSON values a custom attribute holds. */
function IsScalarValue(): PropertyDecorator {
  return ValidateBy({
    name: 'isScalarValue',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)),
      defaultMessage: () => 'fillMissingWith must be a string or a number',
    },
  });
}

@ApiStrictBody()
export class AttributeValidationDto {
  @ApiPropertyOptional({ description: 'number, integer: smallest value' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min?: number;

  @ApiPropertyOptional({ description: 'number, integer: largest value' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number;

  @ApiPropertyOptional({ description: 'string: fewest characters' })
  @IsOptional()
  @IsInt()
  minLength?: number;

  @ApiPropertyOptional({ description: 'string: most characters (at most 1000)' })
  @IsOptional()
  @IsInt()
  maxLength?: number;

  @ApiPropertyOptional({
    description: 'string: a regular expression (Unicode mode) the value must match',
  })
  @IsOptional()
  @IsString()
  pattern?: string;

  @ApiPropertyOptional({
    description:
      'Every type: a party that may edit the attribute must give it a value when it creates a user ' +
      '(sign-up, POST /admin/users) and may not clear it. Turning it on while users lack a value ' +
      'needs fillMissingWith (else 409 ATTRIBUTE_VALUES_MISSING)',
  })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'enum: the allowed values' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  enum?: string[];
}

@ApiStrictBody()
export class AttributeAccessDto {
  @ApiPropertyOptional({ enum: ACCESS_LEVELS })
  @IsOptional()
  @IsIn(ACCESS_LEVELS)
  admin?: AccessLevel;

  @ApiPropertyOptional({
    enum: ACCESS_LEVELS,
    description: 'The app holding the user’s token (GET /userinfo)',
  })
  @IsOptional()
  @IsIn(ACCESS_LEVELS)
  bearer?: AccessLevel;

  @ApiPropertyOptional({ enum: ACCESS_LEVELS, description: 'The user (GET/PATCH /me)' })
  @IsOptional()
  @IsIn(ACCESS_LEVELS)
  endUser?: AccessLevel;
}

/** A label: printable text, no control characters, not blank. */
const LABEL_PATTERN = /^[^\p{Cc}\p{Cs}]*[^\p{Cc}\p{Cs}\s][^\p{Cc}\p{Cs}]*$/u;

/** Everything of a definition an admin may change after creating it. */
export class UpdateAttributeDto {
  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: ATTRIBUTE_LABEL_MAX_LENGTH,
    example: 'Loyalty Tier',
    description: 'What the pages show; null: the name in Title Case (my_string → My String)',
  })
  @IsOptional()
  @ValidateIf((_object: object, value: unknown) => value !== null)
  @IsString()
  @MaxLength(ATTRIBUTE_LABEL_MAX_LENGTH)
  @Matches(LABEL_PATTERN, { message: 'label must be printable text, not blank' })
  label?: string | null;

  @ApiPropertyOptional({
    description:
      'Given to every user without a value, in the same transaction (checked against the type and rules); ' +
      'needed to turn validation.required on while users lack a value',
    oneOf: [{ type: 'string' }, { type: 'number' }],
    example: 'bronze',
  })
  @IsOptional()
  @IsScalarValue()
  fillMissingWith?: string | number;

  @ApiPropertyOptional({ type: AttributeValidationDto, description: 'Replaces the whole block' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttributeValidationDto)
  validation?: AttributeValidationDto;

  @ApiPropertyOptional({
    type: AttributeAccessDto,
    description: 'Parties left out keep their level',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttributeAccessDto)
  access?: AttributeAccessDto;

  @ApiPropertyOptional({ description: 'Display order, smallest first' })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  order?: number;

  @ApiPropertyOptional({ description: 'Allows the admin list filter attribute=…&attributeValue=…' })
  @IsOptional()
  @IsBoolean()
  searchable?: boolean;

  @ApiPropertyOptional({ description: 'Hidden from all but admins; values are kept' })
  @IsOptional()
  @IsBoolean()
  obsolete?: boolean;
}

/** PATCH body: a new `name` renames; `type` is refused by name, with the reason. */
@ApiStrictBody()
export class PatchAttributeDto extends UpdateAttributeDto {
  @ApiPropertyOptional({
    example: 'membership_tier',
    pattern: ATTRIBUTE_NAME_PATTERN.source,
    maxLength: ATTRIBUTE_NAME_MAX_LENGTH,
    description:
      'Renames a custom attribute: every user’s value moves with it in one transaction and the old ' +
      'name becomes free (409 ATTRIBUTE_REFERENCED while a token template reads the old name; ' +
      'ATTRIBUTE_TAKEN when the new one is taken)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(ATTRIBUTE_NAME_MAX_LENGTH)
  @Matches(ATTRIBUTE_NAME_PATTERN, {
    message:
      'name must be lowercase letters, digits and underscores, start with a letter and not end with _',
  })
  name?: string;

  @IsEmpty({
    message: 'type never changes once set: create a new attribute and mark this one obsolete',
  })
  type?: never;
}

@ApiStrictBody()
export class CreateAttributeDto extends UpdateAttributeDto {
  @ApiProperty({
    example: 'loyalty_tier',
    pattern: ATTRIBUTE_NAME_PATTERN.source,
    maxLength: ATTRIBUTE_NAME_MAX_LENGTH,
  })
  @IsString()
  @MaxLength(ATTRIBUTE_NAME_MAX_LENGTH)
  @Matches(ATTRIBUTE_NAME_PATTERN, {
    message:
      'name must be lowercase letters, digits and underscores, start with a letter and not end with _',
  })
  name!: string;

  @ApiProperty({ enum: CUSTOM_ATTRIBUTE_TYPES })
  @IsIn(CUSTOM_ATTRIBUTE_TYPES)
  type!: CustomAttributeType;
}
