import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import { IsEmailAddress } from '../../core/validation/is-email-address.decorator.js';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';
import { ORGANIZATION_ROLE_PATTERN } from '../options/organization-roles.js';

@ApiStrictBody()
export class CreateInvitationDto {
  @ApiProperty({ example: 'grace@example.com', maxLength: 254, format: 'email' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({
    example: 'member',
    pattern: ORGANIZATION_ROLE_PATTERN.source,
    description: 'The role the invitee gets; only an owner invites an owner',
  })
  @IsString()
  @Matches(ORGANIZATION_ROLE_PATTERN, { message: 'role must be a role name such as "member"' })
  role!: string;
}

@ApiStrictBody()
export class AcceptInvitationDto {
  @ApiPropertyOptional({
    maxLength: 200,
    description: "The link's token, when the invitee came through it: it must be the invitation's",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}
