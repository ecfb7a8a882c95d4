import { ApiProperty } from '@nestjs/swagger';

export class ExternalAccountLinkResponse {
  @ApiProperty({
    description:
      'Open this in the user’s browser: it runs the provider round trip (one-time, 10 minutes)',
    example: 'http://localhost:3000/oauth/github?intent=…',
  })
  externalVerificationRedirectURL!: string;
}
