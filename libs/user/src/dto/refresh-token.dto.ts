import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RefreshTokenDto {
  @ApiProperty({ description: 'The opaque refresh token of the last TokenResponse' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  refreshToken!: string;
}
