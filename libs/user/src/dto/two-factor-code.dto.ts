import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class TwoFactorCodeDto {
  @ApiProperty({
    example: '123456',
    description: 'A 6-digit code of the authenticator app, or a backup code (`xxxxx-xxxxx`)',
  })
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}
