import { ProfileFieldsDto } from './profile-fields.js';
import { UsernameWriteProperty } from './username-write.property.js';
import { AttributeWritesProperty } from './attribute-writes.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

/** PATCH /me: only these fields; roles, metadata other than unsafe, ids are refused. */
@ApiStrictBody()
export class UpdateProfileDto extends ProfileFieldsDto {
  @UsernameWriteProperty()
  username?: string | null;

  @AttributeWritesProperty('standard')
  standardAttributes?: Record<string, unknown>;

  @AttributeWritesProperty('custom')
  customAttributes?: Record<string, unknown>;
}
