import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../validation/is-email-address.decorator.js';

export class UpgradeDto {
  @ApiProperty({ example: 'guest.no.more@example.com' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
