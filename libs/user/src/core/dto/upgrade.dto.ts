import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../validation/is-email-address.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class UpgradeDto {
  @ApiProperty({ example: 'guest.no.more@example.com', maxLength: 254, format: 'email' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
