import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import type { JsonObject } from '../entities/user.entity.js';
import { IsJsonMetadata } from '../validation/is-json-metadata.decorator.js';
import { IsOptional } from '../validation/is-optional.decorator.js';

/** Name and picture fields shared by sign-up and profile updates; null clears a field. */
export class ProfileFieldsDto {
  @ApiPropertyOptional({ type: String, example: 'Ada L.', maxLength: 200, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Ada', maxLength: 200, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  firstName?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Lovelace', maxLength: 200, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lastName?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uri',
    example: 'https://example.com/ada.png',
    maxLength: 2048,
    nullable: true,
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'picture must be an http(s) URL' },
  )
  @MaxLength(2048)
  picture?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { theme: 'dark' } })
  // Not @IsOptional: that would let null through to a NOT NULL column (a 500 the fuzz suite found).
  @ValidateIf((_, value) => value !== undefined)
  @IsJsonMetadata()
  unsafeMetadata?: JsonObject;
}
