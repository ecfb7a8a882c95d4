import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ToInteger } from './strict-query.js';
import { ToBoolean } from './list-users-filters.js';
import { FIELD_NAME_PATTERN } from '../validation/attribute-definition.js';
import { IsOptional } from '../validation/is-optional.decorator.js';

export class ListUsersQuery {
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Matches email (prefix or contains), names and id; % and _ are literal',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  query?: string;

  @ApiPropertyOptional({ example: 'admin', maxLength: 63 })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  role?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
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

  @ApiPropertyOptional({ description: 'Has (true) or lacks (false) a verified email or phone' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  verified?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  banned?: boolean;

  @ApiPropertyOptional({
    example: '2026-01-01T00:00:00Z',
    description: 'Created strictly after (ISO 8601 date or date-time)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdAfter?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Created strictly before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdBefore?: string;

  @ApiPropertyOptional({
    example: 'plan',
    maxLength: 63,
    pattern: FIELD_NAME_PATTERN.source,
    description: 'A custom attribute marked searchable',
  })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  @Matches(FIELD_NAME_PATTERN, { message: 'attribute must be an attribute name' })
  attribute?: string;

  @ApiPropertyOptional({
    example: 'pro',
    maxLength: 1000,
    description: 'The value `attribute` must equal',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  attributeValue?: string;

  @ApiPropertyOptional({ enum: ['createdAt', 'email'], default: 'createdAt' })
  @IsOptional()
  @IsIn(['createdAt', 'email'])
  sort?: 'createdAt' | 'email';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
