import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';

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

  @ApiPropertyOptional({
    description:
      'The verifier of the `code_challenge` the flow was started with (RFC 7636 characters, ' +
      '43–128). Without it, the exchange needs the binding cookie of the browser that started ' +
      'the flow.',
    minLength: 43,
    maxLength: 128,
    pattern: '^[A-Za-z0-9._~-]{43,128}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._~-]{43,128}$/, {
    message: 'codeVerifier must be 43–128 RFC 7636 characters',
  })
  codeVerifier?: string;
}
