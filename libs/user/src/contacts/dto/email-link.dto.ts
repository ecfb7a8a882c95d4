import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import { IsEmailAddress } from '../../core/validation/is-email-address.decorator.js';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';

/** POST /auth/email-link: where to mail a sign-in link, and where the link returns to. */
@ApiStrictBody()
export class EmailLinkRequestDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254, format: 'email' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({
    example: 'http://localhost:5173/auth/done',
    maxLength: 2048,
    description:
      'Where the link sends the browser, with `code=` (for POST /auth/oauth/exchange) or `error=`: on the redirect allow-list (origin + path prefix), as for OAuth',
  })
  @IsString()
  @MaxLength(2048)
  redirectUrl!: string;

  @ApiPropertyOptional({
    description:
      'BASE64URL(SHA-256(verifier)) of a secret this client keeps: the exchange then needs the verifier (a front-end on another site than the API, where the binding cookie does not reach). The link then signs in only where the verifier is.',
    minLength: 43,
    maxLength: 43,
    pattern: '^[A-Za-z0-9_-]{43}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'codeChallenge must be 43 base64url characters' })
  codeChallenge?: string;
}
