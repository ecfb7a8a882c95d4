import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';
import { CALLER_CLAIMS_MAX_CHARS } from '../presets/caller-claims.js';

/** GET /me/tokens/:template?claims=… */
export class TokenClaimsQuery {
  @ApiPropertyOptional({
    maxLength: CALLER_CLAIMS_MAX_CHARS,
    example: '{"org_id":"org_1"}',
    description:
      "Extra claims for this token, as a JSON object: only those the template's `callerClaims` allow, each within its rule (else 400 `TOKEN_CLAIMS_INVALID`); the template's own and the registered claims are never replaced",
  })
  @IsOptional()
  @IsString()
  @MaxLength(CALLER_CLAIMS_MAX_CHARS)
  claims?: string;
}
