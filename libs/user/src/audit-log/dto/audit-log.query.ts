import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from '../../core/dto/strict-query.js';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';
import { AUDIT_LOG_TYPE_MAX_LENGTH, AUDIT_LOG_TYPE_PATTERN } from '../audit-log-types.js';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** `limit` and `cursor`: the paging of both audit routes. */
export class AuditLogPageQuery {
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
}

export class AuditLogQuery extends AuditLogPageQuery {
  @ApiPropertyOptional({
    description: 'The user the records are about',
    pattern: ID_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'userId must be an id' })
  userId?: string;

  @ApiPropertyOptional({
    example: 'sign_in.failed',
    maxLength: AUDIT_LOG_TYPE_MAX_LENGTH,
    pattern: AUDIT_LOG_TYPE_PATTERN.source,
    description: 'One record type (README "Audit log" lists them)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(AUDIT_LOG_TYPE_MAX_LENGTH)
  @Matches(AUDIT_LOG_TYPE_PATTERN, { message: 'type must be a record type such as sign_in.failed' })
  type?: string;

  @ApiPropertyOptional({ description: 'Who did it (a user, an admin)', pattern: ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'actorId must be an id' })
  actorId?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'At or after (ISO 8601 date or date-time)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Strictly before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
