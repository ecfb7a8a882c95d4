import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { ProfileFieldsDto } from './profile-fields.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { IsUsername } from '../validation/is-username.decorator.js';
import { AttributeWritesProperty } from './attribute-writes.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

/** PATCH /me: only these fields; roles, metadata other than unsafe, ids are refused. */
@ApiStrictBody()
export class UpdateProfileDto extends ProfileFieldsDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'ada_l',
    minLength: 3,
    maxLength: 64,
    pattern: '^[A-Za-z0-9_.-]{3,64}$',
    description:
      "When the app takes usernames: set or change it (stored lower-cased; 409 USERNAME_TAKEN when another user has it in any case); null removes it (not when `identifiers.username` is 'required', nor when it is the last way to sign in)",
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUsername()
  username?: string | null;

  @AttributeWritesProperty('standard')
  standardAttributes?: Record<string, unknown>;

  @AttributeWritesProperty('custom')
  customAttributes?: Record<string, unknown>;
}
