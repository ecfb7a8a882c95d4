import { ProfileFieldsDto } from './profile-fields.js';

/** PATCH /me: only these fields; roles, metadata other than unsafe, ids are refused. */
export class UpdateProfileDto extends ProfileFieldsDto {}
