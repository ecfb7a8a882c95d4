import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmpty,
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
  ATTRIBUTE_NAME_MAX_LENGTH,
  ATTRIBUTE_NAME_PATTERN,
  CUSTOM_ATTRIBUTE_TYPES,
} from '../validation/attribute-definition.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

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

/** Everything of a definition an admin may change after creating it. */
export class UpdateAttributeDto {
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

/** PATCH body: `name` and `type` are refused by name, with the reason. */
@ApiStrictBody()
export class PatchAttributeDto extends UpdateAttributeDto {
  @IsEmpty({ message: 'name cannot change (it is the key of the stored values)' })
  name?: never;

  @IsEmpty({
    message: 'type never changes once set: create a new attribute and mark this one obsolete',
  })
  type?: never;
}

@ApiStrictBody()
export class CreateAttributeDto extends UpdateAttributeDto {
  @ApiProperty({ example: 'loyalty_tier', pattern: ATTRIBUTE_NAME_PATTERN.source })
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
