import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { ROLE_DESCRIPTION_MAX_LENGTH } from './create-role.dto.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

const DESCRIPTION_MESSAGE = `description must be a string of at most ${ROLE_DESCRIPTION_MAX_LENGTH} characters, or null to clear it`;

/** The one editable part of a role: its name is its identity (users' links reference it). */
@ApiStrictBody()
export class UpdateRoleDto {
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: ROLE_DESCRIPTION_MAX_LENGTH,
    example: 'Edits and publishes articles',
  })
  // null clears the description; a missing field is an error (there is nothing else to change).
  @ValidateIf((body: UpdateRoleDto) => body.description !== null)
  @IsString({ message: DESCRIPTION_MESSAGE })
  @MaxLength(ROLE_DESCRIPTION_MAX_LENGTH, { message: DESCRIPTION_MESSAGE })
  description!: string | null;
}
