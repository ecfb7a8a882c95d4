import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class AdminSetPasswordDto {
  @ApiProperty({
    example: 'a new long passphrase',
    maxLength: 1024,
    description: 'Checked by the password policy, as a password the user chose',
  })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
