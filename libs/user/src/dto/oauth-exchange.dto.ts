import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class OAuthExchangeDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    description: 'The one-time code the OAuth callback put in the redirect',
  })
  @IsString()
  @Length(1, 200)
  code!: string;
}
