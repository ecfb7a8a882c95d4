import { ApiPropertyOptional } from '@nestjs/swagger';
import type { JsonObject } from '../entities/user.entity.js';
import { IsJsonMetadata } from '../validation/is-json-metadata.decorator.js';
import { ProfileFieldsDto } from './profile-fields.js';
import { AttributeWritesProperty } from './attribute-writes.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';
import { ValidateIf } from 'class-validator';
import { IsUsername } from '../validation/is-username.decorator.js';

/** What an admin may change: the profile fields and all three metadata objects (each replaced whole). */
@ApiStrictBody()
export class AdminUpdateUserDto extends ProfileFieldsDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'ada_l',
    minLength: 3,
    maxLength: 64,
    pattern: '^[A-Za-z0-9_.-]{3,64}$',
    description:
      'When the app takes usernames: set or change it (409 USERNAME_TAKEN when another user has it); null removes it (not when required, nor the last way to sign in)',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUsername()
  username?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsJsonMetadata()
  publicMetadata?: JsonObject;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsJsonMetadata()
  privateMetadata?: JsonObject;

  @AttributeWritesProperty('standard')
  standardAttributes?: Record<string, unknown>;

  @AttributeWritesProperty('custom')
  customAttributes?: Record<string, unknown>;
}
