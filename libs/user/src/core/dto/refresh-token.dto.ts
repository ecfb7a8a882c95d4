import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class RefreshTokenDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 512,
    description: 'The opaque refresh token of the last TokenResponse',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  refreshToken!: string;
}
