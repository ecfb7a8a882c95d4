import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
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
