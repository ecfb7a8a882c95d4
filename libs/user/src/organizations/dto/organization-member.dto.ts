import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import { ToInteger } from '../../core/dto/strict-query.js';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';
import { ORGANIZATION_ROLE_PATTERN } from '../options/organization-roles.js';

@ApiStrictBody()
export class ChangeMemberRoleDto {
  @ApiProperty({
    example: 'admin',
    pattern: ORGANIZATION_ROLE_PATTERN.source,
    description: '`owner`, `admin`, `member` or one of the roles of the module options',
  })
  @IsString()
  @Matches(ORGANIZATION_ROLE_PATTERN, { message: 'role must be a role name such as "admin"' })
  role!: string;
}

/** `limit` and `cursor` of the members page. */
export class MembersPageQuery {
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

  @ApiPropertyOptional({
    maxLength: 100,
    example: 'ada',
    description: 'Part of a name, username or email address, any case',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
