import { ApiPropertyOptional } from '@nestjs/swagger';
import type { JsonObject } from '../entities/user.entity.js';
import { IsJsonMetadata } from '../validation/is-json-metadata.decorator.js';
import { ProfileFieldsDto } from './profile-fields.js';
import { AttributeWritesProperty } from './attribute-writes.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';
import { UsernameWriteProperty } from './username-write.property.js';

/** What an admin may change: the profile fields and all three metadata objects (each replaced whole). */
@ApiStrictBody()
export class AdminUpdateUserDto extends ProfileFieldsDto {
  @UsernameWriteProperty()
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
