import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../validation/is-email-address.decorator.js';
import { ProfileFieldsDto } from './profile-fields.js';

export class SignUpDto extends ProfileFieldsDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
