import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class ChangePasswordDto {
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ example: 'a new long passphrase', maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}
