import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class TwoFactorCodeDto {
  @ApiProperty({
    example: '123456',
    minLength: 6,
    maxLength: 32,
    description: 'A 6-digit code of the authenticator app, or a backup code (`xxxxx-xxxxx`)',
  })
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}
