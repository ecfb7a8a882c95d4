import { ProfileFieldsDto } from './profile-fields.js';
import { AttributeWritesProperty } from './attribute-writes.js';

/** PATCH /me: only these fields; roles, metadata other than unsafe, ids are refused. */
export class UpdateProfileDto extends ProfileFieldsDto {
  @AttributeWritesProperty('standard')
  standardAttributes?: Record<string, unknown>;

  @AttributeWritesProperty('custom')
  customAttributes?: Record<string, unknown>;
}
