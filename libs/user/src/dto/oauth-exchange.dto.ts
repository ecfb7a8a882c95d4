import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class OAuthExchangeDto {
  @ApiProperty({ description: 'The one-time code the OAuth callback put in the redirect' })
  @IsString()
  @Length(1, 200)
  code!: string;
}
