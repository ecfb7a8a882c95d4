import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class ResetPasswordDto {
  @ApiProperty({ minLength: 1, maxLength: 512, description: 'The `token` of the reset link' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  token!: string;

  @ApiProperty({ example: 'a new long passphrase', maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
