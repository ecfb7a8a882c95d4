import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class TwoFactorSignInDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 512,
    description: 'The `challenge` of the `POST /auth/login` answer',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  challenge!: string;

  @ApiProperty({
    example: '123456',
    minLength: 6,
    maxLength: 32,
    description: 'Authenticator code or a backup code',
  })
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}
