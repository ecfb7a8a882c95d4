import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ROLE_NAME_PATTERN } from '../options/built-in-roles.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

/** The role table's column width for descriptions. */
export const ROLE_DESCRIPTION_MAX_LENGTH = 500;

@ApiStrictBody()
export class CreateRoleDto {
  @ApiProperty({ example: 'editor', pattern: ROLE_NAME_PATTERN.source })
  @IsString()
  @Matches(ROLE_NAME_PATTERN, {
    message:
      'name must start with a lowercase letter and hold only a-z, 0-9, _, : or - (at most 63)',
  })
  name!: string;

  @ApiPropertyOptional({ example: 'Edits articles', maxLength: ROLE_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(ROLE_DESCRIPTION_MAX_LENGTH)
  description?: string;
}
