import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';

/** `GET /oauth/:provider` query: where to come back to, or the intent of a link started by POST. */
export class OAuthStartQuery {
  @ApiPropertyOptional({
    example: 'http://localhost:5173/auth/done',
    maxLength: 2048,
    description: 'Must be on the allow-list (origin + path prefix); required unless `intent`',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  redirect_url?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'One-time intent from POST /me/external-accounts (link or anonymous upgrade)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  intent?: string;

  @ApiPropertyOptional({
    description:
      'BASE64URL(SHA-256(verifier)) of a secret the front-end keeps: the exchange then needs the verifier. Front-ends on another site than the API need it (the binding cookie does not reach them).',
    minLength: 43,
    maxLength: 43,
    pattern: '^[A-Za-z0-9_-]{43}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'code_challenge must be 43 base64url characters' })
  code_challenge?: string;
}
