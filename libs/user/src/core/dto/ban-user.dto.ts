import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';
import { IsOptional } from '../validation/is-optional.decorator.js';

/** Both optional: an empty body (or none) bans without a reason, until an unban. */
@ApiStrictBody()
export class BanUserDto {
  @ApiPropertyOptional({
    example: 'Spam in the comments',
    minLength: 1,
    maxLength: 500,
    description: 'Why; shown to admins only (the admin view and the user.banned event)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00Z',
    format: 'date-time',
    description:
      'When the ban ends (ISO 8601, in the future): from then on the user signs in again, with no unban. Absent: until an unban',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  bannedUntil?: string;
}
