import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../validation/is-email-address.decorator.js';
import { ProfileFieldsDto } from './profile-fields.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';
import { AttributeWritesProperty } from './attribute-writes.js';

@ApiStrictBody()
export class SignUpDto extends ProfileFieldsDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254, format: 'email' })
  @IsEmailAddress()
  email!: string;

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
