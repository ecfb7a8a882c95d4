import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class TwoFactorSignInDto {
  @ApiProperty({ description: 'The `challenge` of the `POST /auth/login` answer' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  challenge!: string;

  @ApiProperty({ example: '123456', description: 'Authenticator code or a backup code' })
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}
