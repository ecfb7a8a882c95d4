import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from '../../core/dto/strict-query.js';
import type { JsonObject } from '../../core/entities/user.entity.js';
import { IsJsonMetadata } from '../../core/validation/is-json-metadata.decorator.js';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';
import { ORGANIZATION_SLUG_PATTERN } from '../services/organization-slugs.js';

const SLUG_MESSAGE =
  'slug must be 2 to 64 lower-case letters and digits, in words joined by single hyphens';
/** Not blank: at least one character that is not white space. */
const NAME_PATTERN = /\S/;

@ApiStrictBody()
export class CreateOrganizationDto {
  @ApiProperty({ example: 'Acme Inc.', minLength: 1, maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(NAME_PATTERN, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({
    example: 'acme',
    pattern: ORGANIZATION_SLUG_PATTERN.source,
    description: 'Unique across the app; made from the name when left out',
  })
  @IsOptional()
  @IsString()
  @Matches(ORGANIZATION_SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug?: string;
}

@ApiStrictBody()
export class UpdateOrganizationDto {
  @ApiPropertyOptional({ example: 'Acme Corporation', minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(NAME_PATTERN, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ example: 'acme-corp', pattern: ORGANIZATION_SLUG_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(ORGANIZATION_SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug?: string;
}

/** An admin's organization: its owner named. */
@ApiStrictBody()
export class AdminCreateOrganizationDto extends CreateOrganizationDto {
  @ApiProperty({ description: 'The user who becomes its owner', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  ownerId!: string;
}

/** What the app's admins change: the name, the slug, and each metadata object (replaced whole). */
@ApiStrictBody()
export class AdminUpdateOrganizationDto extends UpdateOrganizationDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { plan: 'team' },
    description: 'Replaces the public metadata (every member reads it)',
  })
  @IsOptional()
  @IsJsonMetadata()
  publicMetadata?: JsonObject;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { crmId: 'A-1042' },
    description: "Replaces the private metadata (the app's admins only)",
  })
  @IsOptional()
  @IsJsonMetadata()
  privateMetadata?: JsonObject;
}

/** `limit`, `cursor` and `search` of the admin's list. */
export class AdminOrganizationsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name or slug, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
