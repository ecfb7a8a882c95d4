import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../validation/is-email-address.decorator.js';
import { IsE164PhoneNumber } from '../validation/is-phone-number.decorator.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { IsUsername } from '../validation/is-username.decorator.js';
import { ProfileFieldsDto } from './profile-fields.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';
import { AttributeWritesProperty } from './attribute-writes.js';

@ApiStrictBody()
export class SignUpDto extends ProfileFieldsDto {
  @ApiPropertyOptional({
    example: 'ada@example.com',
    maxLength: 254,
    format: 'email',
    description:
      "Required by default (`identifiers.email: 'required'`); refused when the app takes no email at sign-up",
  })
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional({
    example: 'ada_l',
    minLength: 3,
    maxLength: 64,
    pattern: '^[A-Za-z0-9_.-]{3,64}$',
    description:
      'When the app takes usernames (`identifiers.username`): stored lower-cased, unique case-insensitively',
  })
  @IsOptional()
  @IsUsername()
  username?: string;

  @ApiPropertyOptional({
    example: '+14155550123',
    description:
      'When the app takes phone numbers (`identifiers.phone`): international form (E.164); added unverified, a code is sent by SMS',
  })
  @IsOptional()
  @IsE164PhoneNumber()
  phoneNumber?: string;

  @ApiProperty({
    example: 'correct horse battery staple',
    maxLength: 1024,
    description: 'Checked against the password policy (by default 8 to 128 characters, not common)',
  })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @AttributeWritesProperty('custom at sign-up')
  customAttributes?: Record<string, unknown>;
}
