import { ApiProperty } from '@nestjs/swagger';
import { ExternalAccountResponse } from '../../core/dto/user.response.js';

/**
 * The pending external account (`verification.status: "unverified"`), with the URL that verifies
 * it in `verification.externalVerificationRedirectURL`.
 */
export class ExternalAccountLinkResponse extends ExternalAccountResponse {
  @ApiProperty({
    deprecated: true,
    description:
      'The same URL as `verification.externalVerificationRedirectURL` (kept for clients of the first release)',
    example: 'http://localhost:3000/oauth/github?intent=…',
  })
  externalVerificationRedirectURL!: string;
}
