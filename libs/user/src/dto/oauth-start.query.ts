import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../validation/is-optional.decorator.js';

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
}
